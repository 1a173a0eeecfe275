/** `procwatch send`: deliver pending alerts now (immediate subscribers, stuck claims, due digests). */
import type { Command } from 'commander';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import { runDelivery } from '../core/run-delivery';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { print } from './terminal';

export function registerSend(program: Command): void {
  program
    .command('send')
    .description('deliver pending alerts now, re-send claims a crashed run left behind, and send due daily digests')
    .action(
      action(async () => {
        const config = readConfig(program.opts<GlobalOptions>());
        const mail = await openMailSetup(config, { root: process.cwd() });
        const report = await withRuntime(config, { mailer: mail.mailer }, (rt) =>
          runDelivery(rt, deliverInput(config, mail)),
        );
        for (const f of report.failed)
          print(
            `  NOT SENT to ${f.recipient ?? '?'} [${f.alert.type ?? 'digest'}] ${f.alert.subject ?? f.alert.alertId}: ${f.reason}\n`,
          );
        print(
          `procwatch: ${report.messages} email(s) sent through ${mail.mailer.name} (${report.sent.length} alert(s), ${report.digests} digest(s)), ` +
            `${report.failed.length} failed, ${report.retrying} waiting for a retry.\n`,
        );
        return report.failed.length ? EXIT.failure : EXIT.ok;
      }),
    );
}
