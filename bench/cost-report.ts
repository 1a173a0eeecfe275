/** The report's cost sections: the cost model's scenarios, the deployed stack's bill, and what the numbers show. */
import {
  ASSUMPTIONS,
  HOSTED_MONITOR,
  monthlyBill,
  PRICES,
  PRICES_AS_OF,
  unitCosts,
  type Bill,
  type Scenario,
} from './cost-model';
import { kb, table, usd } from './markdown';
import { fmt, mean, ratio } from './measure';
import type { ReportInput } from './report';

export function costSection(r: ReportInput): string[] {
  const checkLoad = r.bundles.find((b) => b.handler === 'check-sources')?.loadMsP50 ?? 300;
  const u = unitCosts(r.cycles, checkLoad);
  const groups: Record<string, number> = {};
  for (const s of r.config.sources) groups[s.group ?? 'default'] = (groups[s.group ?? 'default'] ?? 0) + 1;
  const times = (k: number) => Object.fromEntries(Object.entries(groups).map(([g, n]) => [g, n * k]));
  const docs = r.settings.documentsPerSource * 1.1;
  const scenarios: Scenario[] = [
    {
      name: `procwatch.config.json (${Object.entries(groups)
        .map(([g, n]) => `${n} ${g}`)
        .join(', ')})`,
      groups,
      documentsPerSource: docs,
      strategy: 'product',
    },
    { name: '10× those sources', groups: times(10), documentsPerSource: docs, strategy: 'product' },
    {
      name: `bench corpus: ${r.cycles.sources} GOV.UK sources, ${fmt(r.cycles.documents, 0)} documents`,
      groups: { govuk: r.cycles.sources },
      documentsPerSource: docs,
      strategy: 'product',
    },
    {
      name: 'same corpus, naive monitor on Lambda',
      groups: { govuk: r.cycles.sources },
      documentsPerSource: docs,
      strategy: 'naive',
    },
  ];
  const bills = scenarios.map((s) => monthlyBill(s, u));
  const lines = Object.keys(bills[0].cost);
  const a = ASSUMPTIONS;
  return [
    '## 6. Monthly cost model',
    '',
    `Prices: AWS eu-west-2 (London) on-demand **list prices as known in ${PRICES_AS_OF}**, before free tiers, in ` +
      `US$; check them on the AWS pricing pages before relying on them: ` +
      `Lambda arm64 $${PRICES.lambdaGbSecondArm}/GB-s and $${PRICES.lambdaPerMillionRequests}/million requests; ` +
      `DynamoDB on-demand $${PRICES.dynamoPerMillionWrites}/million write units, ` +
      `$${PRICES.dynamoPerMillionReads}/million read units, $${PRICES.dynamoGbMonth}/GB-month; SES ` +
      `$${PRICES.sesPerThousand}/1,000 messages; EventBridge Scheduler $${PRICES.schedulerPerMillion}/million ` +
      `invocations; CloudWatch Logs ingestion $${PRICES.logsIngestPerGb}/GB.`,
    '',
    `Measured, per source per quiet cycle: ${fmt(u.quiet.requests, 2)} requests, ${kb(u.quiet.bytes)} KB, ` +
      `${fmt(u.quiet.rcu, 2)} RCU, ${fmt(u.quiet.ms, 1)} ms compute, ${fmt(u.quiet.logBytes, 0)} log bytes; ` +
      `state heartbeat ${fmt(u.heartbeatWcu, 1)} WCU per source per hour. Per changed publication: ` +
      `${fmt(u.perChange.requests, 2)} requests, ${fmt(u.perChange.rcu, 1)} RCU, ${fmt(u.perChange.wcu, 1)} WCU, ` +
      `${fmt(u.perChange.ms, 0)} ms, ${fmt(u.perChange.alerts, 2)} alerts. Stored: ` +
      `${fmt(u.storedKbPerDocument, 1)} KB per document with its index copies. Bundle load ${fmt(checkLoad, 0)} ms.`,
    '',
    `Assumed (not measurable offline): schedule ${Object.entries(a.scheduleMinutes)
      .filter(([g]) => g !== 'default')
      .map(([g, m]) => `${g} every ${m} min`)
      .join(
        ', ',
      )} (a group's sources share one invocation); ${a.networkMsPerRequest} ms per request to the real APIs; ' +
        '${a.changesPerSourcePerDay} changed document per source per day; ${a.lambdaMemoryMb} MB arm64 Lambda, ' +
        'cold every time (+${a.coldStartExtraMs} ms set-up); ${a.platformLogBytes} bytes of Lambda platform log ' +
        'lines per invocation; ${a.recipients} recipient per alert; ${a.days}-day month. Sources of groups ' +
        'without measurements (Parliament, legislation) are costed like a GOV.UK source.`,
    '',
    table(
      ['per month', ...scenarios.map((s) => s.name)],
      [
        ['invocations', ...bills.map((b) => fmt(b.invocations, 0))],
        ['GB-seconds', ...bills.map((b) => fmt(b.gbSeconds, 1))],
        ['HTTP requests to the sources', ...bills.map((b) => fmt(b.httpRequests, 0))],
        ['read units', ...bills.map((b) => fmt(b.readUnits, 0))],
        ['write units', ...bills.map((b) => fmt(b.writeUnits, 0))],
        ['storage GB', ...bills.map((b) => b.storageGb.toFixed(3))],
        ['alert e-mails', ...bills.map((b) => fmt(b.emails, 0))],
        ['log GB', ...bills.map((b) => b.logGb.toFixed(3))],
        ...lines.map((l) => [l, ...bills.map((b: Bill) => usd(b.cost[l]))]),
        ['**total (before free tier)**', ...bills.map((b) => `**${usd(b.total)}**`)],
      ],
    ),
    '',
    freeTierNote(scenarios, bills),
    '',
    `**Hosted page monitor (estimate)**: the ${HOSTED_MONITOR.name} at about ` +
      `US$${HOSTED_MONITOR.pricePerMonthUsd} a month (price as of ${HOSTED_MONITOR.asOf}): ${HOSTED_MONITOR.note}. ` +
      `On the bench corpus that means about ${fmt(bills[3].httpRequests / 1e6, 1)} million requests a month to ` +
      `GOV.UK, against ${fmt(bills[2].httpRequests / 1e3, 1)} thousand for this project ` +
      `(${ratio(bills[3].httpRequests, bills[2].httpRequests)} fewer). This is an estimate from published plan ` +
      `prices, not a measurement.`,
    '',
  ];
}

export function deployCostSection(costTable: string): string[] {
  return [
    '## 7. The deployed stack, per month',
    '',
    'At the default configuration: schedules, memory sizes, alarms and secrets read from the synthesized template, ' +
      "counts from the measurements above (the sender from one busy and one quiet run on the cycle benchmark's " +
      'table). ' +
      'The same table is written into docs/deploy.md.',
    '',
    costTable,
    '',
  ];
}

/** Avoidable work the numbers show, stated only when the measurements show it. */
export function findingsSection(r: ReportInput): string[] {
  const notes: string[] = [];
  const quiet = r.cycles.cycles.filter((x) => x.mode === 'product' && x.kind === 'unchanged');
  const rcuPerSource = Math.min(...quiet.map((x) => x.rcu)) / r.cycles.sources;
  if (rcuPerSource > 2) {
    notes.push(
      `A quiet cycle reads ${fmt(rcuPerSource, 1)} RCU per source: 1 for the source's state (a consistent ` +
        `GetItem) and the rest for the Query of all its stored document heads, made even when the listing is the ` +
        `same as last time. Keeping a fingerprint of the listing (doc ids and signals) in the source state would ` +
        `let an identical listing skip that Query (~1 RCU per source per cycle instead).`,
    );
  }
  const baseline = r.cycles.cycles.find((x) => x.mode === 'product' && x.kind === 'baseline');
  const extra = baseline ? baseline.documentWrites - r.cycles.documents - 1 : 0;
  if (baseline && extra > 0) {
    notes.push(
      `The baseline made ${fmt(baseline.documentWrites, 0)} write transactions for ${fmt(r.cycles.documents, 0)} ` +
        `documents (+1 baseline summary): each publication with HTML attachments is written a second time, to ` +
        `advance its signal once its attachments are read (check-source.ts holds the signal back so a failed ` +
        `attachment read is retried next run). The same second write happens whenever such a publication ` +
        `changes: ${extra} extra transactions here, a deliberate price for not losing attachments.`,
    );
  }
  const none = r.queries.figures.find((f) => f.filter.startsWith('none'));
  if (none && none.rcuPerQuery > 12) {
    notes.push(
      `A change-log page of 50 costs ${fmt(none.rcuPerQuery, 1)} RCU: after filling the page, \`listChanges\` ` +
        `reads up to 100 more items only to decide whether to return a cursor. Asking for one item more than the ` +
        `page (or returning DynamoDB's LastEvaluatedKey as the cursor) would roughly halve it.`,
    );
  }
  const heavy = r.bundles.filter(
    (b) => b.heaviest.some((h) => h.name === 'nodemailer') || b.heaviest.some((h) => h.name === 'undici'),
  );
  if (heavy.length === r.bundles.length && r.bundles.length > 1) {
    notes.push(
      `Every handler bundles the same ~${kb(mean(r.bundles.map((b) => b.bytes)))} KB (undici, cheerio's ` +
        `iconv-lite, zod, nodemailer): every handler builds the full runtime through handler-runtime.ts → ` +
        `composition.ts \`openRuntime\`, which wires every adapter, so the query API carries the HTTP fetcher ` +
        `and the checker carries the mailer. Building only what a handler uses would shrink bundles and the ` +
        `${fmt(mean(r.bundles.map((b) => b.loadMsP50)), 0)} ms load.`,
    );
  }
  if (!notes.length) return [];
  return ['## Avoidable work the numbers show', '', ...notes.map((n) => `- ${n}`), ''];
}

/** AWS's always-free monthly allowances: Lambda 1 M requests and 400,000 GB-s, DynamoDB 25 GB, Scheduler 14 M. */
function freeTierNote(scenarios: Scenario[], bills: Bill[]): string {
  const fits = (b: Bill) => b.invocations < 1e6 && b.gbSeconds < 400_000 && b.storageGb < 25 && b.invocations < 14e6;
  const inside = scenarios.filter((_, i) => fits(bills[i])).map((s) => s.name);
  const outside = scenarios.filter((_, i) => !fits(bills[i])).map((s) => s.name);
  return (
    `AWS's always-free monthly allowances (Lambda 1 million requests and 400,000 GB-s, DynamoDB 25 GB of ` +
    `storage, Scheduler 14 million invocations) cover the Lambda, storage and Scheduler lines of: ` +
    `${inside.join('; ') || 'none'}` +
    `${outside.length ? `; not of: ${outside.join('; ')}` : ''}. Where they do, what is left to pay is the ` +
    `DynamoDB request units, SES and logs.`
  );
}
