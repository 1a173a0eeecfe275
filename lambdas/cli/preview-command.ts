/** `procwatch preview CHANGE_ID [--html FILE]`: render a change's alert email without sending it. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import { alertFor } from '../core/check-source';
import { renderRow } from '../core/compose-delivery';
import { effectiveSubscribers } from '../core/subscribers';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { print, printError } from './terminal';

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('render the alert email for one change (plain text on stdout) without sending it')
    .argument('<change-id>', 'the id printed by `procwatch changes`')
    .option('--html <file>', 'also write the HTML part to this file')
    .option('--to <email>', 'render as this subscriber receives it (keywords highlighted, unsubscribe link)')
    .action(
      action(async (changeId: string, opts: { html?: string; to?: string }) => {
        const config = readConfig(program.opts<GlobalOptions>());
        const found = await withRuntime(config, {}, async (rt) => {
          const change = await rt.store.getChange(changeId);
          return change
            ? { change, alert: (await rt.store.getAlert(changeId)) ?? alertFor(change, change.detectedAt) }
            : null;
        });
        if (!found) {
          printError(`procwatch: no change with id ${changeId}.\n`);
          return EXIT.failure;
        }
        const subs = effectiveSubscribers(config.subscribers, config.alerts.to);
        const sub = subs.find((s) => s.email === opts.to?.toLowerCase()) ?? subs[0];
        const mail = await openMailSetup(config, {
          root: process.cwd(),
          mailer: { name: 'none', send: async () => ({ messageId: '' }) },
        });
        const row = { subjectId: changeId, recipient: sub.email, channel: 'email' as const, generation: 0 };
        const composed = renderRow({}, deliverInput(config, mail), { ...row, kind: 'alert' }, sub, [found]);
        if ('skip' in composed) return EXIT.failure;
        const { message } = composed;
        print(
          `Subject: ${message.subject}\n${Object.entries(message.headers ?? {})
            .map(([k, v]) => `${k}: ${v}\n`)
            .join('')}\n${message.text}\n`,
        );
        if (opts.html) {
          writeFileSync(resolve(opts.html), message.html ?? '');
          printError(`procwatch: HTML part written to ${resolve(opts.html)}\n`);
        }
        return EXIT.ok;
      }),
    );
}
