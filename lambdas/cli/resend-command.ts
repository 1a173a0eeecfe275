/**
 * `procwatch resend CHANGE_ID` / `procwatch resend --failed`: give what failed for good its next
 * try, once, then deliver what is due (as `procwatch send`). Once the cause is fixed (a verified
 * identity, a corrected address), this is the operator's one step.
 */
import type { Command } from 'commander';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import { ProcwatchError } from '../core/errors';
import { resendFailed } from '../core/resend-failed';
import { runDelivery } from '../core/run-delivery';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { printDelivery } from './send-command';
import { print } from './terminal';

export function registerResend(program: Command): void {
  program
    .command('resend')
    .argument('[changeId]', 'the change whose failed emails are sent again')
    .option('--failed', 'send again every email that failed for good')
    .description('send again, once, the emails that failed for good (one change, or all with --failed)')
    .action(
      action(async (changeId: string | undefined, opts: { failed?: boolean }) => {
        if (Boolean(changeId) === Boolean(opts.failed))
          throw new ProcwatchError('usage', 'Name one change id, or pass --failed for every failed email.');
        const config = readConfig(program.opts<GlobalOptions>());
        const mail = await openMailSetup(config, { root: process.cwd() });
        const { resent, report } = await withRuntime(config, { mailer: mail.mailer }, async (rt) => {
          const which = changeId ? { changeId } : { allFailed: true as const };
          const { resent } = await resendFailed(rt, which);
          return { resent, report: await runDelivery(rt, deliverInput(config, mail)) };
        });
        for (const r of resent)
          print(`  resend  ${r.subjectId} to ${r.recipient} (failed: ${r.lastError ?? 'no reason'})\n`);
        print(`procwatch: ${resent.length} failed email(s) queued again${changeId ? ` for ${changeId}` : ''}.\n`);
        printDelivery(report, mail.mailer.name);
        return report.failed.length ? EXIT.failure : EXIT.ok;
      }),
    );
}
