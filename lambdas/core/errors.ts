/**
 * One error family for the whole project. Every failure a user can see is one of these,
 * and `describeFailure` turns any of them (or anything thrown) into the one sentence shown
 * in the CLI, the log and a source's "last error".
 */
export interface ErrorContext {
  url?: string;
  status?: number;
  /** The source the failure belongs to: the sentence names it as "(source X)" unless `sourceNamed`. */
  source?: string;
  /** The message was written naming `source` itself ("The listing of bscc answered HTTP 404."). */
  sourceNamed?: boolean;
  field?: string;
  /** For `network-unreachable`: what could not be reached and why (`www.gov.uk: no route to it`). */
  unreached?: string;
  [key: string]: unknown;
}

/**
 * Every code an error of ours can carry, closed: code that branches on a failure branches on one of
 * these (or on the class), never on the words of its message.
 */
export type ErrorCode =
  | FetchErrorCode
  | 'parse'
  | 'store'
  | 'store-conflict'
  | 'delivery'
  | 'config'
  /** Another cycle holds the store's lease (core/cycle-lock.ts): an outcome, not a failure. */
  | 'busy'
  /** The CLI was asked something it cannot do (a missing argument, an unreadable file). */
  | 'usage'
  /** A query parameter or filter is wrong: the API answers 400 naming `context.field`. */
  | 'invalid-parameter';

export class ProcwatchError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;
  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}

/**
 * `network-unreachable`: this machine could not reach the network at all (no route, no name resolution),
 * as opposed to `fetch`, one server or one request failing. When every source of a cycle fails so, the
 * machine is offline: one condition, counted against no source.
 */
export type FetchErrorCode = 'fetch' | 'network-unreachable';

/** The network or the server failed: timeouts, resets, 5xx after retries, refused redirects. */
export class FetchError extends ProcwatchError {
  declare readonly code: FetchErrorCode;
  constructor(
    message: string,
    context: ErrorContext = {},
    cause?: unknown,
    readonly transient = true,
    code: FetchErrorCode = 'fetch',
  ) {
    super(code, message, context, cause);
  }
}

export function isNetworkUnreachable(err: unknown): err is FetchError {
  return err instanceof FetchError && err.code === 'network-unreachable';
}

/** A response arrived but does not have the shape the source parser expects. */
export class ParseError extends ProcwatchError {
  constructor(message: string, context: ErrorContext = {}, cause?: unknown) {
    super('parse', message, context, cause);
  }
}

/**
 * What a run saw looks implausible (a listing suddenly far smaller, most of a list's rows gone):
 * nothing is recorded, the source fails once, and `hold` says what the next run must see again
 * before it is believed.
 */
export class SecondLookError extends ParseError {
  constructor(
    message: string,
    readonly hold: { pendingShrink?: number | null; pendingSuspects?: { docId: string; hash: string }[] | null },
    context: ErrorContext = {},
  ) {
    super(message, context);
  }
}

/** A conditional write lost a race: someone else already wrote this item. Not a failure of the cycle. */
export class StoreConflictError extends ProcwatchError {
  constructor(message: string, context: ErrorContext = {}, cause?: unknown) {
    super('store-conflict', message, context, cause);
  }
}

/** The store itself failed (throttled past retries, unreachable, misconfigured). */
export class StoreError extends ProcwatchError {
  constructor(message: string, context: ErrorContext = {}, cause?: unknown) {
    super('store', message, context, cause);
  }
}

/** An email could not be delivered. `permanent` failures are not retried. */
export class DeliveryError extends ProcwatchError {
  constructor(
    message: string,
    readonly permanent: boolean,
    context: ErrorContext = {},
    cause?: unknown,
  ) {
    super('delivery', message, context, cause);
  }
}

/** The configuration is wrong; `problems` holds one line per bad entry. */
export class ConfigError extends ProcwatchError {
  constructor(
    readonly problems: string[],
    context: ErrorContext = {},
  ) {
    super(
      'config',
      problems.length === 1
        ? problems[0]
        : `${problems.length} problems in the configuration:\n  ${problems.join('\n  ')}`,
      context,
    );
  }
}

/**
 * The context of an error whose message names its source already: the source stays known to logs and
 * callers, and the sentence does not repeat it.
 */
export function namingSource(source: string, context: ErrorContext = {}): ErrorContext {
  return { ...context, source, sourceNamed: true };
}

/** Turns anything thrown into the one sentence a user reads. */
export function describeFailure(err: unknown): string {
  if (err instanceof ProcwatchError) {
    // The URL stays in the error's context (and the logs); the sentence names the source.
    const { source, sourceNamed } = err.context;
    return source && !sourceNamed ? `${err.message} (source ${source})` : err.message;
  }
  if (err instanceof Error) return `Unexpected error: ${err.message}`;
  return `Unexpected error: ${String(err)}`;
}
