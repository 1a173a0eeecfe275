/**
 * Faults seen by a whole watch cycle (real DynamoDB Local, real fetcher, replay server): an outage,
 * garbage, a redesign or an empty listing is a failing source, never "everything was deleted";
 * nothing stored is lost, no alert is false, and changes delayed by a fault arrive once, later.
 */
import type { Fault, Route } from '../../../devtools/replay/replay-server';
import { alertsRaised, emailFigures, lostBetween, storeFigures } from './observe';
import { ReliabilityLog } from './reliability-report';
import {
  EXPECTED_T1,
  expectedPairs,
  NEVER_AGAIN,
  SEARCH,
  startReliabilityHarness,
  type ReliabilityHarness,
} from './reliability-harness';

const log = new ReliabilityLog('20-source-faults');
jest.setTimeout(30_000);
const LAYOUT_PAGE = '../../test/fixtures/govuk-html/ckanext-dgu_publication_page_2016.html';

interface Case {
  name: string;
  fault: Fault;
  /** Served instead of the route's own file (the redesigned page). */
  file?: string;
  /** What the product must report; null when reading the answer is allowed (it must then raise nothing). */
  reason: RegExp | null;
}

const LISTING_FAULTS: Case[] = [
  { name: 'HTTP 500', fault: { status: 500 }, reason: /HTTP 500/ },
  { name: 'HTTP 502', fault: { status: 502 }, reason: /HTTP 502/ },
  { name: 'HTTP 503', fault: { status: 503 }, reason: /HTTP 503/ },
  { name: '429, Retry-After 1 h', fault: { retryAfter: 3600 }, reason: /asked to wait/ },
  { name: 'connection reset', fault: 'reset', reason: /connection reset|socket/i },
  { name: 'slow body past the timeout', fault: 'slow-body', reason: /timed out/ },
  { name: 'truncated JSON', fault: 'truncate', reason: /not JSON/ },
  { name: 'valid JSON, wrong shape', fault: 'wrong-shape', reason: /unexpected shape: field "(results|base_path)"/ },
  { name: 'HTML page with a changed layout', fault: 'layout-changed', file: LAYOUT_PAGE, reason: /not JSON/ },
  { name: 'empty listing', fault: 'empty-listing', reason: null },
  { name: 'redirect loop', fault: 'redirect-loop', reason: /Redirect loop|redirects/ },
  {
    name: 'redirect to 169.254.169.254',
    fault: { redirect: 'http://169.254.169.254/latest/meta-data/' },
    reason: /Refused/,
  },
  { name: 'redirect to localhost', fault: { redirect: 'http://localhost:22/' }, reason: /Refused/ },
  { name: '50 MB body', fault: 'huge-body', reason: /larger than 20 MB/ },
  { name: 'gzip bomb', fault: 'gzip-bomb', reason: /expands past/ },
  { name: 'invalid UTF-8', fault: 'invalid-utf8', reason: null },
  { name: 'declared charset latin1 (body is UTF-8)', fault: { charset: 'iso-8859-1' }, reason: null },
];

const LISTINGS: { source: string; route: Omit<Route, 'fault'> }[] = [
  { source: 'bscc-correspondence', route: SEARCH },
  { source: 'never-again-publication', route: { path: NEVER_AGAIN } },
];

describe('a cycle whose listing answers with a fault', () => {
  let h: ReliabilityHarness;
  beforeAll(async () => {
    h = await startReliabilityHarness({ fetcher: { timeoutMs: 400 } });
    await h.cycle('t0');
  });
  afterAll(async () => {
    await h.close();
    log.flush();
  });

  for (const c of LISTING_FAULTS) {
    it(`${c.name}: a failing source (or nothing), nothing lost, no alert, no email`, async () => {
      const before = await h.snapshot();
      const mark = h.received().length;
      const observed: string[] = [];
      let offContract = 0;
      for (const { source, route } of LISTINGS) {
        const file =
          c.file ??
          (route === SEARCH
            ? 't0/search-bscc-correspondence.json'
            : 't0/content/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond.json');
        h.replay.override({ ...route, file, fault: c.fault });
        const faulty = await h.cycle();
        h.replay.clearOverrides();
        const recovered = await h.cycle();
        const outcome = faulty.outcomes.find((o) => o.sourceId === source)!;
        const asExpected = c.reason
          ? outcome.kind === 'failed' && c.reason.test(outcome.reason)
          : ['failed', 'unchanged'].includes(outcome.kind);
        const recoveredQuietly = recovered.outcomes.every((o) => o.kind === 'unchanged');
        offContract += Number(!asExpected || !recoveredQuietly);
        observed.push(
          outcome.kind === 'failed'
            ? `failed: ${outcome.reason.replace(/https?:\/\/127\.0\.0\.1:\d+/g, '').replace(/\?[^ ]*/g, '')}`
            : outcome.kind,
        );
      }
      const after = await h.snapshot();
      const raised = alertsRaised(before, after);
      const emails = emailFigures(h.received().slice(mark), []);
      log.record({
        area: 'source',
        fault: `listing: ${c.name} (search and content sources), then a run without the fault`,
        tried: LISTINGS.length,
        expected: c.reason
          ? 'source fails with a reason; next run recovers silently; nothing lost, no alert, no email'
          : 'read or refused; nothing lost, no alert, no email',
        observed: [...new Set(observed)].join(' / '),
        measured: {
          ...storeFigures(before, after),
          alertsExpected: 0,
          alertsRaised: raised.length,
          ...emails,
          offContract,
        },
      });
      expect(lostBetween(before, after)).toEqual([]);
      expect(raised).toEqual([]);
      expect(emails.emailsReceived).toBe(0);
      expect(offContract).toBe(0);
    });
  }

  it('a fault that lasts four runs raises one source-failing alert, then one source-recovered', async () => {
    const before = await h.snapshot();
    const mark = h.received().length;
    h.replay.override({ ...SEARCH, fault: { status: 503 } });
    const runs = [await h.cycle(), await h.cycle(), await h.cycle(), await h.cycle()];
    h.replay.clearOverrides();
    const back = await h.cycle();
    const sent = [...runs, back].flatMap((r) => r.delivery.sent.map((a) => a.type));
    const after = await h.snapshot();
    const raised = alertsRaised(before, after);
    const wanted = raised.filter((a) => ['source-failing', 'source-recovered'].includes(a.type));
    const emails = emailFigures(
      h.received().slice(mark),
      expectedPairs(
        h,
        wanted.map((a) => a.changeId),
      ),
    );
    log.record({
      area: 'source',
      fault: 'listing HTTP 503 for 4 runs in a row, then a run without it',
      tried: 4,
      expected: 'one source-failing alert at the 3rd failure, one source-recovered; each mailed once',
      observed: `alerts raised: ${raised.map((a) => a.type).join(', ')}`,
      measured: {
        ...storeFigures(before, after),
        alertsExpected: 2,
        alertsRaised: raised.length,
        ...emails,
        offContract: Number(sent.join() !== 'source-failing,source-recovered'),
      },
    });
    expect(sent).toEqual(['source-failing', 'source-recovered']);
    expect(raised.map((a) => a.type).sort()).toEqual(['source-failing', 'source-recovered']);
    expect(lostBetween(before, after)).toEqual([]);
    expect(emails).toMatchObject({ emailsReceived: 2, pairsMissing: 0, duplicatesByChange: 0 });
  });
});

const DETAIL =
  '/api/content/government/publications/letter-to-the-police-and-crime-commissioner-for-northmoor-on-live-facial-recognition/letter-from-bscc-to-the-police-and-crime-commissioner-for-northmoor-6-february-2023-accessible';
const NEW_LETTER =
  '/api/content/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond/letter-from-hikvision-to-bscc-30-march-2022';

describe('a fault while documents change (t1): the changes are delayed, never lost or doubled', () => {
  const faults: [string, Fault][] = [
    ['HTTP 503', { status: 503 }],
    ['connection reset', 'reset'],
    ['truncated JSON', 'truncate'],
    ['valid JSON, wrong shape', 'wrong-shape'],
    ['gzip bomb', 'gzip-bomb'],
  ];
  afterAll(() => log.flush());

  it.each(faults)('%s on a changed letter and a new letter', async (name, fault) => {
    const h = await startReliabilityHarness();
    try {
      await h.cycle('t0');
      const before = await h.snapshot();
      const mark = h.received().length;
      h.replay.setStep('t1');
      h.replay.override({
        path: DETAIL,
        file: 't1/content/letter-to-the-police-and-crime-commissioner-for-northmoor-on-live-facial-recognition/letter-from-bscc-to-the-police-and-crime-commissioner-for-northmoor-6-february-2023-accessible.json',
        fault,
      });
      h.replay.override({
        path: NEW_LETTER,
        file: 't1/content/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond/letter-from-hikvision-to-bscc-30-march-2022.json',
        fault,
      });
      const during = await h.cycle();
      const failing = during.outcomes.filter((o) => o.kind === 'failed').map((o) => o.sourceId);
      h.replay.clearOverrides();
      await h.cycle();
      await h.cycle();
      const final = await h.snapshot();
      const raised = alertsRaised(before, final);
      const alerting = final.changes.filter((c) => EXPECTED_T1.includes(c.type));
      const emails = emailFigures(
        h.received().slice(mark),
        expectedPairs(
          h,
          alerting.map((c) => c.changeId),
        ),
      );
      log.record({
        area: 'source',
        fault: `t1 detail: ${name} on the changed and the new letter, then two runs without it`,
        tried: 2,
        expected: 'those two changes wait for the next run; the 4 t1 alerts raised and mailed once each',
        observed: `failing during the fault: ${failing.join(', ')}; raised ${raised
          .map((a) => a.type)
          .sort()
          .join(', ')}`,
        measured: {
          ...storeFigures(before, final),
          alertsExpected: EXPECTED_T1.length,
          alertsRaised: raised.length,
          ...emails,
          offContract: Number(failing.length !== 2) + Math.abs(alerting.length - EXPECTED_T1.length),
        },
      });
      expect(failing).toEqual(['bscc-correspondence', 'never-again-publication']);
      expect(raised.map((a) => a.type).sort()).toEqual(EXPECTED_T1);
      expect(alerting.map((c) => c.type).sort()).toEqual(EXPECTED_T1);
      expect(lostBetween(before, final)).toEqual([]);
      expect(emails).toMatchObject({ emailsReceived: EXPECTED_T1.length, pairsMissing: 0, duplicatesByChange: 0 });
    } finally {
      await h.close();
    }
  });
});
