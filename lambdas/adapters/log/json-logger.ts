/**
 * Structured JSON logs (one object a line) carrying run and source ids, as CloudWatch Logs
 * Insights reads them; secrets are masked before anything is written.
 */
import type { Logger } from '../../core/ports';

const SECRET_KEYS = /pass(word)?|secret|token|authorization|api[-_]?key|credential/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '***' : redact(v, depth + 1),
    ]),
  );
}

export class JsonLogger implements Logger {
  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly base: Record<string, unknown> = {},
    private readonly secrets: string[] = [],
  ) {}

  child(fields: Record<string, unknown>): JsonLogger {
    return new JsonLogger(this.write, { ...this.base, ...fields }, this.secrets);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.emit('INFO', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.emit('WARN', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.emit('ERROR', message, fields);
  }

  private emit(level: string, message: string, fields?: Record<string, unknown>): void {
    let line = JSON.stringify({
      level,
      time: new Date().toISOString(),
      message,
      ...this.base,
      ...(redact(fields ?? {}) as object),
    });
    for (const s of this.secrets) if (s && s.length >= 4) line = line.split(s).join('***');
    this.write(line);
  }
}

/** Silent logger for the CLI's quiet paths and for tests that read outcomes, not logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
