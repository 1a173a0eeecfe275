/**
 * `procwatch doctor`: check live mode on day one — one listing and one detail request per source, as
 * a cycle makes them, with the User-Agent and pauses the publishers see. Exit 1 when any source fails.
 */
import type { Command } from 'commander';
import { openProbe } from '../composition';
import { diagnose, type DoctorRow } from '../core/doctor';
import { sourceKinds } from '../sources';
import { action, EXIT, readConfig, replayConfig, startReplay, type GlobalOptions } from './cli-context';
import { print, printError, printJson } from './terminal';

interface DoctorOptions {
  source?: string;
  replay?: string;
  step?: string;
  json?: boolean;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check each source live: one listing and one detail request, their status, shape and plausibility')
    .option('--source <id>', 'check only this source')
    .option('--replay <dir>', 'ask a local replay server serving this folder instead (offline)')
    .option('--step <name>', 'with --replay: the step folder to serve (default t0)')
    .option('--json', 'print the rows as JSON')
    .action(
      action(async (opts: DoctorOptions) => {
        let config = readConfig(program.opts<GlobalOptions>());
        const sources = config.sources.filter((s) => s.enabled !== false && (!opts.source || s.id === opts.source));
        if (!sources.length) {
          printError(`procwatch: no source "${opts.source}" (known: ${config.sources.map((s) => s.id).join(', ')}).\n`);
          return EXIT.usage;
        }
        const replay = opts.replay ? await startReplay(opts.replay, opts.step) : null;
        if (replay) config = replayConfig(config, replay);
        const probe = openProbe(config, { allowPrivateHosts: replay ? [replay.host] : [] });
        try {
          if (!opts.json) print(header(config.contact, probe.fetcher.politeness));
          const rows = await diagnose(probe, sources, sourceKinds, config.endpoints);
          if (opts.json) printJson(rows);
          else print(table(rows));
          const failed = rows.filter((r) => r.verdict === 'fail').length;
          if (!opts.json)
            print(`procwatch: ${rows.length - failed} of ${rows.length} source(s) answered as expected.\n`);
          return failed ? EXIT.failure : EXIT.ok;
        } finally {
          await probe.close();
          await replay?.stop();
        }
      }),
    );
}

function header(contact: string, p: { userAgent: string; intervalsMs: Record<string, number> }): string {
  const pauses = Object.entries(p.intervalsMs)
    .map(([bucket, ms]) => `${bucket} ${ms} ms`)
    .join(', ');
  const placeholder = /example\.(org|com)|set-your/.test(contact)
    ? '  WARNING: `contact` is still the placeholder: publishers cannot reach you about your requests.\n'
    : '';
  return `User-Agent: ${p.userAgent}\nPause between requests: ${pauses}\n${placeholder}\n`;
}

function table(rows: DoctorRow[]): string {
  const cells = rows.map((r) => [
    r.verdict.toUpperCase(),
    r.sourceId,
    probeCell(r.listing, r.entries),
    probeCell(r.detail, null),
    r.note,
  ]);
  const head = ['', 'SOURCE', 'LISTING', 'DETAIL', 'NOTE'];
  const widths = head.slice(0, 4).map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `${c.map((x, i) => (i < 4 ? x.padEnd(widths[i]) : x)).join('  ')}\n`;
  return [head, ...cells].map(line).join('');
}

function probeCell(p: DoctorRow['listing'], entries: number | null): string {
  if (!p) return '-';
  const status = p.status === null ? 'no answer' : `HTTP ${p.status}`;
  return `${status} ${p.ms} ms${entries === null ? '' : `, ${entries} entries`}`;
}
