/**
 * A secret for local runs, generated at random on first use and kept beside the local store (mode
 * 0600): the cursor-signing key (`.procwatch/cursor-secret`, so a cursor printed by `procwatch
 * changes` still works after `serve` restarts) and the unsubscribe key (`.procwatch/unsubscribe-secret`,
 * shared by `run`/`send`, which sign links, and `serve`, which verifies them). Never a constant from
 * the source code: anyone could mint tokens with that.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function localSecret(file: string): string {
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 16) return existing;
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
