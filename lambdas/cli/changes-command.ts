/** `procwatch changes`: the change log, newest first; `procwatch show ID`: one change with its diff. */
import type { Command } from 'commander';
import type { Change } from '../core/model';
import { renderDiffPlain } from '../core/text/word-diff';
import { action, EXIT, parseSince, readConfig, withRuntime, type GlobalOptions } from './cli-context';

interface ChangesOptions {
  since?: string;
  source?: string;
  type?: string;
  json?: boolean;
  limit?: string;
}

/** Terminal-safe: scraped text may hold escape sequences or newlines. */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function formatChangeRow(c: Change): string {
  return `${c.detectedAt.slice(0, 16).replace('T', ' ')}  ${c.type.padEnd(20)} ${c.sourceId.padEnd(24)} ${terminalSafe(c.title).slice(0, 70)}  ${c.changeId}`;
}

export function registerChanges(program: Command): void {
  program
    .command('changes')
    .description('list recorded changes, newest first')
    .option('--since <when>', 'only changes since a date or a span such as 7d or 24h')
    .option('--source <id>', 'only this source')
    .option('--type <type>', 'only this change type (e.g. new-correspondence, document-changed)')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON instead of a table')
    .action(
      action(async (opts: ChangesOptions) => {
        const config = readConfig(program.opts<GlobalOptions>());
        const since = opts.since ? parseSince(opts.since) : undefined;
        const limit = Number(opts.limit ?? 50);
        if (!Number.isInteger(limit) || limit < 1) {
          process.stderr.write('procwatch: --limit takes a whole number of at least 1.\n');
          return EXIT.usage;
        }
        const page = await withRuntime(config, {}, (rt) => rt.store.listChanges({ since, sourceId: opts.source, type: opts.type, limit }));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(page.items.map(({ diff: _diff, ...c }) => c), null, 2)}\n`);
        } else if (!page.items.length) {
          process.stdout.write('No changes recorded for that filter.\n');
        } else {
          for (const c of page.items) process.stdout.write(`${formatChangeRow(c)}\n`);
        }
        return EXIT.ok;
      }),
    );

  program
    .command('show')
    .description('show one change with its word-level diff')
    .argument('<change-id>', 'the id printed by `procwatch changes`')
    .action(
      action(async (changeId: string) => {
        const config = readConfig(program.opts<GlobalOptions>());
        const change = await withRuntime(config, {}, (rt) => rt.store.getChange(changeId));
        if (!change) {
          process.stderr.write(`procwatch: no change with id ${changeId}.\n`);
          return EXIT.failure;
        }
        const lines = [
          `${change.type}: ${terminalSafe(change.title)}`,
          `id        ${change.changeId}`,
          `detected  ${change.detectedAt}`,
          `source    ${change.sourceId}`,
          change.url ? `url       ${change.url}` : '',
          change.threadId ? `thread    ${change.threadId}` : '',
          change.changeNote ? `note      ${terminalSafe(change.changeNote)}` : '',
          `summary   ${terminalSafe(change.summary)}`,
          ...change.keywords.map((k) => `keyword   ${k.term}: ${terminalSafe(k.excerpt)}`),
        ].filter(Boolean);
        process.stdout.write(`${lines.join('\n')}\n`);
        if (change.diff?.length) process.stdout.write(`\n${terminalSafe(renderDiffPlain(change.diff)).replace(/ {2,}/g, ' ')}\n`);
        return EXIT.ok;
      }),
    );
}
