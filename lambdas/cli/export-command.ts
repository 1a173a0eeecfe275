/** `procwatch export`: the whole filtered change log as CSV (or JSON) for spreadsheets, every page walked. */
import type { Command } from 'commander';
import type { Change } from '../core/model';
import { queryChanges, type QueryChangesInput } from '../core/query-changes';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { catalogOf } from '../config-catalog';
import { addFilterOptions, filterFromOptions, type FilterOptions } from './changes-command';
import { addDeployedTableOptions, deployedTableTarget, type DeployedTableOptions } from './deployed-table';
import { inertText } from '../core/text/inert-text';
import { print, printError, printJson } from './terminal';

export const CSV_COLUMNS = [
  'detectedAt',
  'type',
  'sourceId',
  'title',
  'url',
  'threadId',
  'docId',
  'summary',
  'changeNote',
  'keywords',
  'version',
  'previousVersion',
  'changeId',
] as const;

/**
 * One CSV field (RFC 4180). A spreadsheet runs a cell starting with = + - @ (or a tab/CR that hides
 * one) as a formula: scraped titles are not ours, so such cells are prefixed with an apostrophe.
 */
export function csvField(value: unknown): string {
  // Inert first (no control or bidi characters), then neutralised for spreadsheets.
  let text = value === null || value === undefined ? '' : inertText(cellText(value));
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(c: Change): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    detectedAt: c.detectedAt,
    type: c.type,
    sourceId: c.sourceId,
    title: c.title,
    url: c.url,
    threadId: c.threadId,
    docId: c.docId,
    summary: c.summary,
    changeNote: c.changeNote,
    keywords: c.keywords.map((k) => k.term).join('; '),
    version: c.version,
    previousVersion: c.previousVersion,
    changeId: c.changeId,
  };
  return CSV_COLUMNS.map((col) => csvField(cells[col])).join(',');
}

export function formatChangesCsv(changes: Change[], header = true): string {
  const lines = [...(header ? [CSV_COLUMNS.join(',')] : []), ...changes.map(csvRow)];
  return lines.map((l) => `${l}\r\n`).join('');
}

interface ExportOptions extends FilterOptions, DeployedTableOptions {
  format?: string;
}

export function registerExport(program: Command): void {
  addDeployedTableOptions(
    addFilterOptions(
      program
        .command('export')
        .description(
          'write every change matching the filters as CSV (for spreadsheets) or JSON to stdout, newest first',
        ),
    ),
  )
    .option('--format <format>', 'csv or json', 'csv')
    .action(
      action(async (opts: ExportOptions) => {
        if (!['csv', 'json'].includes(opts.format ?? 'csv')) {
          printError('procwatch: --format takes csv or json.\n');
          return EXIT.usage;
        }
        const target = deployedTableTarget(readConfig(program.opts<GlobalOptions>()), opts);
        const config = target.config;
        const filter = filterFromOptions(opts);
        // The cursors never leave this process: the store's own cursor pages through the deployed table too.
        const all = await withRuntime(config, target.runtime, async (rt) => {
          const out: Change[] = [];
          let input: QueryChangesInput = { ...filter, limit: 100 };
          for (;;) {
            // The store's own cursor: it never leaves this process, so nothing signs it.
            const page = await queryChanges({ store: rt.store, catalog: catalogOf(config) }, input);
            out.push(...page.items);
            if (!page.cursor) return out;
            input = { ...input, cursor: page.cursor };
          }
        });
        if (opts.format === 'json') printJson(all);
        else {
          // A byte-order mark so Excel reads the UTF-8 (curly quotes, accents) as UTF-8; the cells are inert already.
          process.stdout.write('\ufeff');
          print(formatChangesCsv(all));
        }
        printError(`procwatch: exported ${all.length} change(s).\n`);
        return EXIT.ok;
      }),
    );
}

/** Scalars as themselves; anything structured (a letter, a list of keywords) as its JSON. */
function cellText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
