/** `procwatch sources`: the sources dashboard (health, schedule, documents held), as a table or JSON. */
import type { Command } from 'commander';
import { listSourceHealth, type SourceHealth } from '../core/list-source-health';
import { inertLine } from '../core/text/inert-text';
import { scheduleOf } from '../config-catalog';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { print, printJson } from './terminal';

const short = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

function row(h: SourceHealth): string {
  const cells = [
    h.sourceId.padEnd(36).slice(0, 36),
    h.status.padEnd(13),
    short(h.lastCheckAt).padEnd(16),
    short(h.lastSuccessAt).padEnd(16),
    String(h.consecutiveFailures).padStart(5),
    short(h.nextRunAt).padEnd(16),
    String(h.documents).padStart(5),
  ];
  const error = h.lastError ? `\n${' '.repeat(4)}last error: ${inertLine(h.lastError)}` : '';
  return `${cells.join('  ')}${error}`;
}

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description('each source: status, last check and success, failures in a row, last error, next run, documents')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const config = readConfig(program.opts<GlobalOptions>());
        const health = await withRuntime(config, {}, (rt) =>
          listSourceHealth(rt, { sources: config.sources, schedules: scheduleOf(config), now: rt.clock.now() }),
        );
        if (opts.json) printJson(health);
        else {
          const head = ['SOURCE'.padEnd(36), 'STATUS'.padEnd(13), 'LAST CHECK'.padEnd(16), 'LAST SUCCESS'.padEnd(16)];
          print(`${[...head, 'FAILS', 'NEXT RUN'.padEnd(16), ' DOCS'].join('  ')}\n`);
          for (const h of health) print(`${row(h)}\n`);
        }
        return EXIT.ok;
      }),
    );
}
