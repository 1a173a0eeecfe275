/** `procwatch preview CHANGE_ID [--html FILE]`: render a change's alert email without sending it. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openMailSetup } from '../adapters/mail/mail-setup';
import { alertFor } from '../core/check-source';
import { unsubscribeFor } from '../core/deliver-alerts';
import { renderAlert } from '../core/render-alert';
import { effectiveSubscribers, matchedKeywords } from '../core/subscribers';
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
        const unsub = sub
          ? unsubscribeFor(mail.unsubscribe, sub.email, new Date())
          : { headers: {} as Record<string, string> };
        const rendered = renderAlert(found.alert, found.change, {
          highlight: sub ? matchedKeywords(sub, found.change) : undefined,
          unsubscribeUrl: unsub.url,
        });
        print(
          `Subject: ${rendered.subject}\n${Object.entries({ ...unsub.headers, ...rendered.headers })
            .map(([k, v]) => `${k}: ${v}\n`)
            .join('')}\n${rendered.text}\n`,
        );
        if (opts.html) {
          writeFileSync(resolve(opts.html), rendered.html);
          printError(`procwatch: HTML part written to ${resolve(opts.html)}\n`);
        }
        return EXIT.ok;
      }),
    );
}
