/** `procwatch send`: expand new alerts and send every delivery that is due (retries, digests, rows a crash left). */
import type { Command } from 'commander';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import type { DeliveryReport } from '../core/delivery-context';
import { runDelivery } from '../core/run-delivery';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { formatFailureLine } from './format-outcome';
import { print } from './terminal';

export function printDelivery(report: DeliveryReport, mailer: string): void {
  for (const f of report.failed) print(`${formatFailureLine(f)}\n`);
  print(
    `procwatch: ${report.messages} email(s) sent through ${mailer} (${report.sent.length} alert(s), ` +
      `${report.digests} digest(s)), ${report.failed.length} failed, ${report.retrying} waiting for a retry` +
      `${report.skipped ? `, ${report.skipped} not sent (unsubscribed or suppressed meanwhile)` : ''}.\n`,
  );
}

export function registerSend(program: Command): void {
  program
    .command('send')
    .description('deliver what is due now: new alerts, retries, daily digests, and sends a crashed run left')
    .action(
      action(async () => {
        const config = readConfig(program.opts<GlobalOptions>());
        const mail = await openMailSetup(config, { root: process.cwd() });
        const report = await withRuntime(config, { mailer: mail.mailer }, (rt) =>
          runDelivery(rt, deliverInput(config, mail)),
        );
        printDelivery(report, mail.mailer.name);
        return report.failed.length ? EXIT.failure : EXIT.ok;
      }),
    );
}
