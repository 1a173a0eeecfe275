/**
 * Change-log query latency over 100 000 change records in DynamoDB Local: `store.listChanges`
 * per filter (its GSIs, newest first, one page of 50) against the baseline without indexes, a
 * Scan of the table filtered, sorted and cut to 50. Seeded through the store's own item builder.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../devtools/local/dynamodb-local';
import { DynamoDbStore } from '../lambdas/adapters/dynamodb/dynamodb-store';
import { changeItem } from '../lambdas/adapters/dynamodb/items';
import type { Change } from '../lambdas/core/model';
import type { ChangeQuery } from '../lambdas/core/ports';
import { BatchWriter } from './batch-writer';
import { percentile, pick, seededRandom } from './measure';

export interface QueryBenchOptions {
  records: number;
  runs: number;
  /** Scan pages timed for the baseline. */
  scanPages: number;
  log?: (line: string) => void;
}

export interface QueryFigure {
  filter: string;
  query: ChangeQuery;
  matches: number;
  p50: number;
  p95: number;
  rcuPerQuery: number;
  scanP50: number;
  scanRcuPerQuery: number;
}

export interface QueryBenchResult {
  records: number;
  seededMs: number;
  tableMb: number;
  scanPages: number;
  sampledPages: number;
  figures: QueryFigure[];
}

const TABLE = 'bench-changes';
const SCAN_PAGE = 250;
const SOURCES = 20;
const THREADS = 40;
const TYPES = [
  ['document-changed', 0.6],
  ['first-seen', 0.2],
  ['new-correspondence', 0.12],
  ['new-document', 0.05],
  ['document-withdrawn', 0.03],
] as const;
const END = Date.UTC(2025, 0, 1);
const SPAN_MS = 2 * 365 * 24 * 3600_000;

function seedChange(i: number, total: number, random: () => number): Change {
  let r = random();
  const type = TYPES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'document-changed';
  const sourceId = `bench-${String(Math.floor(random() * SOURCES)).padStart(2, '0')}`;
  const docId = `govuk:/government/publications/bench-${sourceId}-${Math.floor(random() * 220)}`;
  const threaded = type === 'new-correspondence' || (type === 'document-changed' && random() < 0.05);
  const words = [
    'surveillance',
    'camera',
    'procurement',
    'letter',
    'code',
    'practice',
    'commissioner',
    'contract',
    'supplier',
    'review',
  ];
  const title = Array.from({ length: 8 }, () => pick(random, words)).join(' ');
  return {
    changeId: `bench-change-${i}`,
    sourceId,
    docId,
    type,
    detectedAt: new Date(END - SPAN_MS + Math.floor((i / total) * SPAN_MS)).toISOString(),
    runId: `run-${Math.floor(i / 10)}`,
    title,
    url: `https://www.gov.uk/government/publications/${docId.split('/').pop()}`,
    summary:
      type === 'document-changed'
        ? `${Math.floor(random() * 80)} words added, ${Math.floor(random() * 40)} removed.`
        : `New: ${title}.`,
    version: 2,
    previousVersion: type === 'document-changed' ? 1 : null,
    diff:
      type === 'document-changed'
        ? [
            { op: 'equal', text: `… ${title} ` },
            { op: 'delete', text: 'old wording of the clause' },
            { op: 'insert', text: 'new wording of the clause' },
            { op: 'equal', text: ' …' },
          ]
        : null,
    changeNote: type === 'document-changed' ? 'Updated to reflect the new guidance.' : null,
    threadId: threaded ? `thread-${Math.floor(random() * THREADS)}` : null,
    letter: null,
    knownMatch: null,
    keywords: random() < 0.1 ? [{ term: 'surveillance camera', excerpt: '… the surveillance camera code …' }] : [],
  };
}

export async function queryBench(o: QueryBenchOptions): Promise<QueryBenchResult> {
  const log = o.log ?? (() => {});
  // In memory: DynamoDB Local's file-backed mode seeds 5-20× slower on this machine.
  const local = await startDynamoDbLocal({});
  try {
    const store = DynamoDbStore.connect(TABLE, {
      endpoint: local.endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await store.ensureTable();
    log(`seeding ${o.records} change records with BatchWriteItem…`);
    const started = performance.now();
    const random = seededRandom(100_000);
    const writer = new BatchWriter(local.endpoint, TABLE);
    for (let start = 0; start < o.records; start += 5000) {
      const items = Array.from({ length: Math.min(5000, o.records - start) }, (_, j) =>
        changeItem(seedChange(start + j, o.records, random)),
      );
      await writer.putAll(items, 4);
    }
    const seededMs = performance.now() - started;
    log(`seeded in ${(seededMs / 1000).toFixed(0)} s (${writer.capacity.write} WCU: the item and its index copies)`);
    // The baseline reads the whole table whatever the filter (a filter does not reduce what a Scan
    // reads). DynamoDB Local's Scan slows down page after page (it re-seeks from the start), unlike
    // DynamoDB's, so the first pages are timed and the full scan is that per-page cost × pages.
    const scan = await sampleScan(local.endpoint, o.scanPages);
    const pages = Math.ceil(o.records / (scan.items.length / scan.pages));
    const fullScanMs = (scan.ms / scan.pages) * pages;
    const fullScanRcu = (scan.rcu / scan.pages) * pages;
    log(
      `scan: ${scan.pages} pages of ~${Math.round(scan.items.length / scan.pages)} items, ` +
        `${(scan.ms / scan.pages).toFixed(0)} ms and ${scan.rcu / scan.pages} RCU a page; ` +
        `full table ≈ ${pages} pages`,
    );
    const since = new Date(END - 30 * 24 * 3600_000).toISOString();
    const filters: [string, ChangeQuery][] = [
      ['none (newest 50)', {}],
      ['source', { sourceId: 'bench-07' }],
      ['type', { type: 'document-withdrawn' }],
      ['thread', { threadId: 'thread-12' }],
      ['since (last 30 days)', { since }],
    ];
    const figures: QueryFigure[] = [];
    for (const [filter, query] of filters) {
      for (let i = 0; i < 3; i++) await store.listChanges(query);
      const times: number[] = [];
      const readBefore = store.capacity.read;
      let matches = 0;
      for (let i = 0; i < o.runs; i++) {
        const t = performance.now();
        const page = await store.listChanges(query);
        times.push(performance.now() - t);
        matches = page.items.length;
      }
      const rcuPerQuery = (store.capacity.read - readBefore) / o.runs;
      const t = performance.now();
      newestMatching(scan.items, query, 50);
      // Matching, sorting and cutting the sampled pages, scaled to the whole table.
      const scanMs = fullScanMs + ((performance.now() - t) * pages) / scan.pages;
      figures.push({
        filter,
        query,
        matches,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        rcuPerQuery,
        scanP50: scanMs,
        scanRcuPerQuery: fullScanRcu,
      });
      log(
        `query ${filter}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ` +
          `ms, ${rcuPerQuery} RCU; scan ${scanMs.toFixed(0)} ms`,
      );
    }
    // Eventually consistent reads cost 0.5 RCU per 4 KB, so the Scan's RCU give the table's size.
    return {
      records: o.records,
      seededMs,
      tableMb: ((fullScanRcu / 0.5) * 4096) / 1024 / 1024,
      scanPages: pages,
      sampledPages: scan.pages,
      figures,
    };
  } finally {
    await local.stop();
  }
}

type Item = Record<string, unknown>;

/** What a change log without indexes does: read the table (1 MB pages), then filter. */
async function sampleScan(
  endpoint: string,
  maxPages: number,
): Promise<{ items: Item[]; rcu: number; ms: number; pages: number }> {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const started = performance.now();
  const items: Item[] = [];
  let rcu = 0;
  let startKey: Item | undefined;
  let pages = 0;
  do {
    // Pages of SCAN_PAGE items rather than DynamoDB's 1 MB: DynamoDB Local fails on full pages of this table.
    const res = await doc.send(
      new ScanCommand({
        TableName: TABLE,
        Limit: SCAN_PAGE,
        ExclusiveStartKey: startKey,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    rcu += res.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...(res.Items ?? []).filter((i) => i.entity === 'change'));
    startKey = res.LastEvaluatedKey;
    pages++;
  } while (startKey && pages < maxPages);
  return { items, rcu, ms: performance.now() - started, pages };
}

function newestMatching(items: Item[], query: ChangeQuery, limit: number): Item[] {
  const matching = items.filter(
    (i) =>
      (!query.sourceId || i.sourceId === query.sourceId) &&
      (!query.type || i.type === query.type) &&
      (!query.threadId || i.threadId === query.threadId) &&
      (!query.since || String(i.detectedAt) >= query.since),
  );
  return matching.sort((a, b) => String(b.gsi1sk).localeCompare(String(a.gsi1sk))).slice(0, limit);
}
