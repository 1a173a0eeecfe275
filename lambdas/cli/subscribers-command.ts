/**
 * `procwatch subscribers`: who receives what, from the config and `alerts.to`, with what the table
 * remembers: who unsubscribed, and whose address is suppressed after a bounce or complaint (and why).
 */
import type { Command } from 'commander';
import { DEFAULT_DIGEST_HOUR, effectiveSubscribers, withStates, type Subscriber } from '../core/subscribers';
import { action, EXIT, readConfig, withRuntime, type GlobalOptions } from './cli-context';
import { inertLine } from '../core/text/inert-text';
import { print, printJson } from './terminal';

export function formatSubscriber(s: Subscriber): string {
  const when =
    s.frequency === 'daily'
      ? `daily at ${String(s.digestHour ?? DEFAULT_DIGEST_HOUR).padStart(2, '0')}:00 London`
      : 'immediate';
  const list = (v?: string[]) => (v?.length ? v.join(', ') : 'all');
  return [
    inertLine(s.email).padEnd(36),
    when.padEnd(24),
    `sources: ${list(s.sources)}; types: ${list(s.types)}; keywords: ${list(s.keywords)}`,
    s.unsubscribedAt ? `  UNSUBSCRIBED ${s.unsubscribedAt.slice(0, 10)}` : '',
    s.suppressedAt ? `  SUPPRESSED ${s.suppressedAt.slice(0, 10)} (${inertLine(s.suppressedReason ?? '')})` : '',
  ].join(' ');
}

export function registerSubscribers(program: Command): void {
  program
    .command('subscribers')
    .description('list who receives alerts (sources, types, keywords, frequency), who unsubscribed, who is suppressed')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const config = readConfig(program.opts<GlobalOptions>());
        const states = await withRuntime(config, {}, (rt) => rt.subscriberStore.listSubscriberStates());
        const subs = withStates(effectiveSubscribers(config.subscribers, config.alerts.to), states);
        if (opts.json) printJson(subs);
        else for (const s of subs) print(`${formatSubscriber(s)}\n`);
        return EXIT.ok;
      }),
    );
}
