/** Reads test fixtures (real recordings, copied unmodified from the shared recordings) as Fetched responses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fetched } from '../../lambdas/core/model';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixtureText(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

export function fixtureJson<T = any>(relative: string): T {
  return JSON.parse(fixtureText(relative));
}

export function fetched(url: string, body: string, status = 200, headers: Record<string, string> = {}): Fetched {
  return { url, status, headers, body };
}
