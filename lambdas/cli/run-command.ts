/** `procwatch run`: one cycle of every source (or one), with a progress line per source. */
import type { Command } from 'commander';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import type { SourceOutcome } from '../core/model';
import { watchOnce } from '../core/watch-once';
import { action, EXIT, readConfig, replayConfig, startReplay, withRuntime, type GlobalOptions } from './cli-context';
import { cycleInput } from '../cycle-input';
import { sourceKinds } from '../sources';
import { formatAlertLine, formatFailureLine, formatOutcome } from './format-outcome';
import { print, printError } from './terminal';

interface RunOptions {
  source?: string;
  replay?: string;
  step?: string;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('check every watched source once, record changes in DynamoDB and deliver alerts')
    .option('--source <id>', 'check only this source')
    .option('--replay <dir>', 'answer every request from a local replay server serving this folder (offline)')
    .option('--step <name>', 'with --replay: the step folder to serve (default t0)')
    .action(
      action(async (opts: RunOptions) => {
        const global = program.opts<GlobalOptions>();
        let config = readConfig(global);
        if (opts.source && !config.sources.some((s) => s.id === opts.source)) {
          printError(
            `procwatch: no source "${opts.source}" in the configuration ` +
              `(known: ${config.sources.map((s) => s.id).join(', ')}).\n`,
          );
          return EXIT.usage;
        }
        const replay = opts.replay ? await startReplay(opts.replay, opts.step) : null;
        try {
          if (replay) config = replayConfig(config, replay);
          print(
            `procwatch: checking ${opts.source ?? `${config.sources.length} sources`}` +
              `${replay ? ` (replay ${replay.step})` : ''}\n`,
          );
          // The configured mailer (outbox by default), subscribers and the outbox in the table:
          // the same delivery as `procwatch send` and the Lambda, so nothing is sent twice across runs.
          const mail = await openMailSetup(config, { root: process.cwd() });
          const report = await withRuntime(
            config,
            { allowPrivateHosts: replay ? [replay.host] : [], mailer: mail.mailer },
            (rt) =>
              watchOnce(rt, {
                ...cycleInput(config, rt, {
                  kinds: sourceKinds,
                  onProgress: (o) => print(`${formatOutcome(o)}\n`),
                  onlySource: opts.source,
                }),
                ...deliverInput(config, mail),
              }),
          );
          for (const a of report.delivery.sent) print(`${formatAlertLine(a)}\n`);
          for (const f of report.delivery.failed) print(`${formatFailureLine(f)}\n`);
          const failed = report.outcomes.filter((o) => o.kind === 'failed');
          // Offline is one condition in one sentence: no source was counted, so none gets a line.
          if (report.offline) printError(`${offlineSentence(report.outcomes)}\n`);
          else
            print(
              `procwatch: ${report.delivery.sent.length} alert(s) delivered, ${failed.length} source(s) failing.\n`,
            );
          return failed.length || report.delivery.failed.length ? EXIT.failure : EXIT.ok;
        } finally {
          await replay?.stop();
        }
      }),
    );
}

function offlineSentence(outcomes: SourceOutcome[]): string {
  const first = outcomes.find((o) => o.kind === 'failed');
  // The network's own reason, as the fetcher recorded it: not words cut out of the sentence.
  const why = first?.kind === 'failed' ? (first.unreached ?? first.reason) : '';
  return (
    `procwatch: offline: none of the ${outcomes.length} source(s) could be reached (${why}), so nothing was ` +
    'checked, no source was counted as failing, no alert was raised and nothing stored was changed.'
  );
}
