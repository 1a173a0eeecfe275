/**
 * `procwatch demo`: the whole pipeline, offline, against a local replay server serving recorded
 * GOV.UK responses in steps: t0 (baseline) → t1 (a new letter, a changed one, a withdrawn one,
 * a re-published known letter) → t1 again (nothing changed) → t2 (the procurement chain: bill,
 * legislation, guidance, debarment list) → t3 (a debarment changed) → t4 (tenders, contracts, written
 * questions, a campaign's letter). Alerts go to a local SMTP server and outbox, and to a signed
 * webhook that a local HTTP server receives and verifies.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { startLocalWebhookReceiver } from '../../devtools/local/local-webhook-receiver';
import { OutboxMailer } from '../adapters/mail/outbox-mailer';
import { startLocalSmtpServer } from '../../devtools/local/local-smtp-server';
import { deliverInput, openMailSetup } from '../adapters/mail/mail-setup';
import { SmtpMailer } from '../adapters/mail/smtp-mailer';
import { TeeMailer } from '../adapters/mail/tee-mailer';
import { alive, readOwner } from '../../devtools/local/local-owner';
import { ProcwatchError } from '../core/errors';
import { watchOnce } from '../core/watch-once';
import {
  action,
  EXIT,
  projectRoot,
  readConfig,
  replayConfig,
  startReplay,
  withRuntime,
  type GlobalOptions,
} from './cli-context';
import type { Config } from '../config';
import { cycleInput } from '../cycle-input';
import { sourceKinds } from '../sources';
import { formatAlertLine, formatOutcome } from './format-outcome';
import { print } from './terminal';

export const DEMO_STEPS = [
  { step: 't0', label: 'first run: record a baseline (one summary, no per-letter alerts)' },
  { step: 't1', label: 'GOV.UK moved: new letters, a changed letter, a withdrawn letter' },
  { step: 't1', label: 'nothing changed since: listings only, no alerts' },
  {
    step: 't2',
    label:
      'the procurement chain moved: a bill stage, a publication, an amendment naming Hikvision, ' +
      'new regulations, the Act revised, guidance updated, the debarment list changed',
  },
  { step: 't3', label: 'a debarment ends early: one row of the list changed' },
  {
    step: 't4',
    label:
      'who buys and who asks: a tender naming Hikvision, a body-worn video contract, ' +
      'a written question answered, a written statement made, a new Free Tibet letter',
  },
];

/**
 * The demo's own store, on disk beside the real one: `procwatch serve --demo` shows what the last demo
 * recorded, and the real store is never touched by a demo.
 */
export function demoStoreConfig(config: Config): Config {
  return { ...config, store: { ...config.store, endpoint: undefined, dataDir: join(config.store.dataDir, 'demo') } };
}

function stepsHelp(): string {
  const lines = DEMO_STEPS.map((s, i) => `  ${i + 1}. ${s.step}: ${s.label}`);
  return [
    '',
    'Steps, each a cycle against the recordings in demo/replay:',
    ...lines,
    '',
    'The changes stay in a demo store: procwatch serve --demo shows them on the web page.',
    '',
  ].join('\n');
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'run the pipeline offline against recorded responses, t0 to t4 (baseline, letters, the procurement ' +
        'chain, tenders and questions), and print the alerts',
    )
    .addHelpText('after', stepsHelp)
    .option('--outbox <dir>', 'where the alert emails are written', '.procwatch/demo-outbox')
    .action(
      action(async (opts: { outbox: string }) => {
        const started = Date.now();
        const outbox = resolve(opts.outbox);
        rmSync(outbox, { recursive: true, force: true });
        const replay = await startReplay(join(projectRoot(), 'demo/replay'), 't0');
        // Delivery: a local SMTP server the demo starts (real SMTP, no account) and the outbox.
        const smtp = await startLocalSmtpServer();
        const smtpMailer = new SmtpMailer({ host: '127.0.0.1', port: smtp.port, ignoreTLS: true, timeoutMs: 10_000 });
        // A webhook beside email: signed with a key made for this run, verified by a local receiver.
        const hookSecret = randomBytes(32).toString('base64url');
        const hook = await startLocalWebhookReceiver(hookSecret);
        let emails = 0;
        try {
          const config = demoStoreConfig(
            withDemoWebhook(replayConfig(readConfig(program.opts<GlobalOptions>()), replay), hook.url),
          );
          // Each demo starts from an empty store, so its first step is a baseline again.
          const demoDb = resolve(config.store.dataDir, 'dynamodb');
          const holder = readOwner(demoDb);
          if (holder && alive(holder.ownerPid))
            throw new ProcwatchError(
              'usage',
              `The demo store is in use by ${holder.command} (pid ${holder.ownerPid}); stop it first.`,
            );
          rmSync(demoDb, { recursive: true, force: true });
          const mail = await openMailSetup(config, {
            mailer: new TeeMailer([smtpMailer, new OutboxMailer(outbox)]),
            env: { ...process.env, [DEMO_WEBHOOK_SECRET_ENV]: hookSecret },
          });
          await withRuntime(config, { allowPrivateHosts: [replay.host], mailer: mail.mailer }, async (rt) => {
            for (const [i, s] of DEMO_STEPS.entries()) {
              replay.setStep(s.step);
              replay.resetLog();
              print(`\n== step ${i + 1} (${s.step}): ${s.label}\n`);
              const report = await watchOnce(rt, {
                ...cycleInput(config, rt, { kinds: sourceKinds, onProgress: (o) => print(`${formatOutcome(o)}\n`) }),
                ...deliverInput(config, mail),
              });
              emails += report.delivery.messages;
              for (const a of report.delivery.sent) print(`${formatAlertLine(a)}\n`);
              const posts = `${report.delivery.webhooks} webhook POST(s) accepted`;
              print(
                `  ${replay.log.length} HTTP requests, ${report.delivery.sent.length} alert(s) delivered, ${posts}\n`,
              );
            }
          });
        } finally {
          await hook.stop();
          smtpMailer.close();
          await smtp.stop();
          await replay.stop();
        }
        print(
          `\n${emails} email(s) sent: ${smtp.received.length} received by the local SMTP server ` +
            `on 127.0.0.1:${smtp.port}, and written to the outbox.\n`,
        );
        print(
          `${hook.accepted.length} webhook POST(s) received by the local HTTP server at ${hook.url}, ` +
            `each signature verified (${hook.refused} refused, ${hook.repeats} repeated).\n`,
        );
        print(`\nAlert emails (.eml) are in ${outbox}. Demo took ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
        print('The changes are in the demo store: procwatch serve --demo shows them on the web page.\n');
        return EXIT.ok;
      }),
    );
}

const DEMO_WEBHOOK_SECRET_ENV = 'PROCWATCH_DEMO_WEBHOOK_SECRET';

/** The demo's first recipient also gets every alert as a signed generic webhook to `url`. */
function withDemoWebhook(config: Config, url: string): Config {
  const email = config.subscribers?.[0]?.email ?? config.alerts.to[0];
  const webhooks = [{ id: 'demo', url, format: 'generic' as const, secretEnv: DEMO_WEBHOOK_SECRET_ENV }];
  const others = (config.subscribers ?? []).filter((s) => s.email !== email);
  const mine = config.subscribers?.find((s) => s.email === email) ?? { email, frequency: 'immediate' as const };
  return { ...config, subscribers: [{ ...mine, webhooks }, ...others] };
}
