/**
 * `procwatch changes`: the change log, newest first, with the API's filters; `procwatch show ID`: one
 * change with its diff.
 */
import type { Command } from 'commander';
import type { Change } from '../core/model';
import { parseChangeFilter, type ChangeFilter } from '../core/query-changes';
import { querySignedChanges } from '../http/signed-cursor';
import { renderDiffPlain } from '../core/text/word-diff';
import {
  action,
  EXIT,
  localCursorSecret,
  parseSince,
  readConfig,
  withRuntime,
  type GlobalOptions,
} from './cli-context';
import { formatChangesCsv } from './export-command';
import { catalogOf } from '../config-catalog';
import { inertLine } from '../core/text/inert-text';
import { print, printError, printJson } from './terminal';

/** The filters every change-log command takes, named as the HTTP API names them. */
export interface FilterOptions {
  since?: string;
  until?: string;
  datedSince?: string;
  datedUntil?: string;
  order?: string;
  /** Repeated flags accumulate. */
  source?: string[];
  type?: string[];
  thread?: string;
  document?: string;
  query?: string;
}

interface ChangesOptions extends FilterOptions {
  json?: boolean;
  format?: string;
  limit?: string;
  cursor?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addFilterOptions(command: Command): Command {
  return command
    .option('--since <when>', 'only changes detected since a date or a span such as 7d or 24h')
    .option('--until <date>', 'only changes detected up to this date (inclusive) or ISO time')
    .option('--dated-since <date>', "only documents whose own date (the letter's, else its publication) is on or after")
    .option('--dated-until <date>', 'only documents whose own date is on or before this date (inclusive)')
    .option('--order <order>', "detected (newest detected first) or dated (newest by the document's own date)")
    .option('--source <id>', 'only this source (repeat for several)', collect)
    .option('--type <type>', 'only this change type, e.g. new-correspondence (repeat for several)', collect)
    .option('--thread <id>', 'only this correspondence thread (e.g. bscc--hikvision)')
    .option('--document <id>', 'only changes to this document id')
    .option('-q, --query <words>', 'only changes whose title or matched watch terms hold every word');
}

/** Relative spans (7d) are the CLI's convenience; the use-case validates everything else. */
export function filterFromOptions(opts: FilterOptions, now = new Date()): ChangeFilter {
  return {
    since: opts.since ? (/^\d+[dhw]$/.test(opts.since.trim()) ? parseSince(opts.since, now) : opts.since) : undefined,
    until: opts.until,
    datedSince: opts.datedSince,
    datedUntil: opts.datedUntil,
    order: opts.order as ChangeFilter['order'],
    sourceId: opts.source?.join(','),
    type: opts.type?.join(','),
    threadId: opts.thread,
    docId: opts.document,
    q: opts.query,
  };
}

const COLUMNS = [
  { head: 'DETECTED', width: 16 },
  { head: 'DATED', width: 10 },
  { head: 'TYPE', width: 20 },
  { head: 'SOURCE', width: 27 },
  { head: 'TITLE', width: 60 },
] as const;

function cells(values: string[]): string {
  // Cut, then padded: a long type or source never pushes the columns after it out of line.
  return values
    .map((v, i) => {
      const width = COLUMNS[i].width;
      return v.length > width ? `${v.slice(0, width - 1)}…` : v.padEnd(width);
    })
    .join('  ');
}

export const CHANGE_TABLE_HEADER = `${cells(COLUMNS.map((c) => c.head))}  ID`;

/** Terminal-safe: scraped text may hold escape sequences or newlines. */
export function formatChangeRow(c: Change): string {
  const detected = c.detectedAt.slice(0, 16).replace('T', ' ');
  return `${cells([detected, c.datedAt?.slice(0, 10) ?? '', c.type, c.sourceId, inertLine(c.title)])}  ${c.changeId}`;
}

export function registerChanges(program: Command): void {
  addFilterOptions(program.command('changes').description('list recorded changes, newest first'))
    .option('--limit <n>', 'at most this many (up to 100; use --cursor or `procwatch export` for more)', '50')
    .option('--cursor <cursor>', 'continue after the page that printed this cursor')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--json', 'print JSON (same as --format json)')
    .action(
      action(async (opts: ChangesOptions) => {
        const format = opts.json ? 'json' : (opts.format ?? 'table');
        if (!['table', 'json', 'csv'].includes(format)) {
          printError('procwatch: --format takes table, json or csv.\n');
          return EXIT.usage;
        }
        const limit = Number(opts.limit ?? 50);
        if (!Number.isInteger(limit) || limit < 1) {
          printError('procwatch: --limit takes a whole number of at least 1.\n');
          return EXIT.usage;
        }
        const config = readConfig(program.opts<GlobalOptions>());
        const filter = filterFromOptions(opts);
        const cursorSecret = localCursorSecret(config);
        const catalog = catalogOf(config);
        // Checked before the store starts: a typo is answered at once, with the valid values.
        parseChangeFilter(filter, catalog);
        const page = await withRuntime(config, {}, (rt) =>
          querySignedChanges({ store: rt.store, cursorSecret, catalog }, { ...filter, limit, cursor: opts.cursor }),
        );
        if (format === 'json') {
          printJson(page.items.map(({ diff: _diff, ...c }) => c));
        } else if (format === 'csv') {
          print(formatChangesCsv(page.items));
        } else if (!page.items.length) {
          print('No changes recorded for that filter.\n');
        } else {
          print(`${CHANGE_TABLE_HEADER}\n`);
          for (const c of page.items) print(`${formatChangeRow(c)}\n`);
        }
        // On stderr, so piped JSON or CSV stays clean.
        if (page.cursor) printError(`procwatch: more changes: add --cursor ${page.cursor}\n`);
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
          printError(`procwatch: no change with id ${changeId}.\n`);
          return EXIT.failure;
        }
        const lines = [
          `${change.type}: ${inertLine(change.title)}`,
          `id        ${change.changeId}`,
          `detected  ${change.detectedAt}`,
          change.datedAt ? `dated     ${change.datedAt}` : '',
          change.publishedAt ? `published ${change.publishedAt}` : '',
          change.updatedAt ? `updated   ${change.updatedAt}` : '',
          `source    ${change.sourceId}`,
          change.url ? `url       ${inertLine(change.url)}` : '',
          change.threadId ? `thread    ${change.threadId}` : '',
          change.changeNote ? `note      ${inertLine(change.changeNote)}` : '',
          `summary   ${inertLine(change.summary)}`,
          ...change.keywords.map((k) => `keyword   ${k.term}: ${inertLine(k.excerpt)}`),
        ].filter(Boolean);
        print(`${lines.join('\n')}\n`);
        if (change.diff?.length) print(`\n${inertLine(renderDiffPlain(change.diff)).replace(/ {2,}/g, ' ')}\n`);
        return EXIT.ok;
      }),
    );
}
