/**
 * Everything the CLI prints goes through here, so no scraped title can act on the terminal
 * (core/text/inert-text): `print`/`printError` for text, `printJson` for JSON whose odd characters are escaped.
 */
import { inertJson, inertText } from '../core/text/inert-text';

export function print(text: string): void {
  process.stdout.write(inertText(text));
}

export function printError(text: string): void {
  process.stderr.write(inertText(text));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${inertJson(value, 2)}\n`);
}
