/** `procwatch match FILE`: is this letter one we already have? Prints JSON. */
import { inertJson } from '../core/text/inert-text';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadKnownCorpus } from '../adapters/fs/known-correspondence';
import { ProcwatchError } from '../core/errors';
import { parseLetter } from '../core/text/letter';
import { matchKnown } from '../core/text/known-matcher';
import { action, EXIT, projectRoot } from './cli-context';

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('match a letter (text file) against the known correspondence; prints {"match","similarity","thread"}')
    .argument('<file>', 'a text file holding the letter; its first line is read as the title')
    .option('--known <dir>', 'a folder in the known-correspondence format (index.json + texts)')
    .action(
      action(async (file: string, opts: { known?: string }) => {
        let text: string;
        try {
          text = readFileSync(resolve(file), 'utf8');
        } catch (err) {
          throw new ProcwatchError(
            'usage',
            `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
          );
        }
        const dir = opts.known ? resolve(opts.known) : resolve(projectRoot(), 'data/known-correspondence');
        const corpus = loadKnownCorpus(dir, resolve(projectRoot(), 'data/parties.json'));
        const title =
          text
            .split('\n')
            .find((l) => l.trim())
            ?.trim() ?? '';
        const result = matchKnown({ title, text }, corpus.letters);
        const thread = result.thread ?? parseLetter(title, text, corpus.parties).threadId;
        process.stdout.write(
          `${inertJson({ match: result.match, similarity: Number(result.similarity.toFixed(4)), thread })}\n`,
        );
        return EXIT.ok;
      }),
    );
}
