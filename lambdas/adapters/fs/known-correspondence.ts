/** Loads the known letters (index.json + texts) and the party table from disk. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { ConfigError } from '../../core/errors';
import type { KnownCorpus } from '../../core/classify-document';
import { defaultParties, parseLetter, parsePartiesConfig } from '../../core/text/letter';
import type { KnownLetter } from '../../core/text/known-matcher';

const indexSchema = z.object({
  letters: z.array(
    z
      .object({
        id: z.string().min(1),
        file: z.string().min(1),
        date: z.string().nullable().optional(),
        from: z.string(),
        to: z.string(),
        title: z.string(),
        url: z.string().optional(),
      })
      .passthrough(),
  ),
});

export function loadKnownCorpus(dir: string, partiesFile?: string): KnownCorpus {
  const parties =
    partiesFile && existsSync(partiesFile)
      ? parsePartiesConfig(JSON.parse(readFileSync(partiesFile, 'utf8')))
      : defaultParties;
  const indexPath = join(dir, 'index.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(indexPath, 'utf8'));
  } catch (err) {
    throw new ConfigError([`${indexPath}: cannot be read as JSON (${(err as Error).message}).`]);
  }
  const parsed = indexSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${indexPath}: ${i.path.join('.')}: ${i.message}`));
  }
  const letters: KnownLetter[] = parsed.data.letters.map((l) => {
    const path = join(dir, l.file);
    if (!existsSync(path))
      throw new ConfigError([`${indexPath}: letter "${l.id}" names ${l.file}, which does not exist.`]);
    const text = readFileSync(path, 'utf8');
    return { id: l.id, title: l.title, text, date: l.date ?? null, from: l.from, to: l.to, url: l.url };
  });
  return { letters, parties };
}

/** The known letters' threads, for listings and the web page. */
export function knownThreads(corpus: KnownCorpus): Record<string, string | null> {
  return Object.fromEntries(corpus.letters.map((l) => [l.id, parseLetter(l.title, l.text, corpus.parties).threadId]));
}
