/**
 * GOV.UK as it really publishes letters (issue 12), on DynamoDB Local, the replay server and a real SMTP
 * server: a PDF letter added, a PDF re-issued with a small edit, a minor correction to an HTML letter,
 * a letter publication typed `transparency`, a collection gaining a member, a publication withdrawn
 * the GOV.UK way, a scanned PDF with no text, a corrupt and an encrypted PDF. After each change a run
 * with nothing new must raise nothing and write nothing. Pages are composed from the demo's files and
 * validated against GOV.UK's schemas (test/support/govuk-pages.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../../devtools/replay/replay-server';
import type { ChangeWrite, Store } from '../../../lambdas/core/ports';
import {
  COLLECTION,
  contentRoute,
  demoJson,
  NEVER_AGAIN,
  neverAgain,
  pdfAttachment,
  pdfRoute,
  republished,
  withAttachments,
  withdrawn,
  withMember,
} from '../../support/govuk-pages';
import { ROOT } from '../../support/harness';
import { runTimeline, type Timeline } from '../reliability/history-scenario';
import { lostBetween } from '../reliability/observe';

const configured = JSON.parse(readFileSync(join(ROOT, 'procwatch.config.json'), 'utf8')).sources as {
  id: string;
  kind: string;
}[];
const source = (id: string) => configured.find((s) => s.id === id)!;

const MEDIA = '/media/65a1b2c3d4e5f6a7b8c9d0e1/Letter_from_Hikvision_to_BSCC_12_January_2024.pdf';
const REISSUED = '/media/66b2c3d4e5f6a7b8c9d0e1f2/Letter_from_Hikvision_to_BSCC_12_January_2024.pdf';
const at = (day: number) => new Date(Date.UTC(2024, 1, day, 10, 30)).toISOString();

/** Counts the change writes of each run: an unchanged run must make none. */
function countingWrites(counts: number[]) {
  return (store: Store, step: number): Store =>
    new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'recordChange') return typeof value === 'function' ? value.bind(target) : value;
        return (w: ChangeWrite) => {
          counts[step] = (counts[step] ?? 0) + 1;
          return target.recordChange(w);
        };
      },
    });
}

async function timeline(
  ids: string[],
  steps: Route[][],
  replaySteps?: string[],
): Promise<{ t: Timeline; writes: number[] }> {
  const writes: number[] = [];
  const t = await runTimeline({ sources: ids.map(source), steps, replaySteps, store: countingWrites(writes) });
  return { t, writes };
}

const newPdf = (item = neverAgain()) =>
  withAttachments(item, [
    ...item.details.attachments,
    pdfAttachment('7390811', MEDIA, 3797, 'Letter from Hikvision to BSCC, 12 January 2024'),
  ]);

describe('a publication gains a PDF letter, then re-issues it with a small edit', () => {
  let t: Timeline;
  let writes: number[];
  beforeAll(async () => {
    const added = republished(newPdf(), at(6), false, 'Added the letter from Hikvision of 12 January 2024.');
    const reissue = republished(
      withAttachments(
        added,
        added.details.attachments.map((a: Record<string, any>) =>
          a.id === '7390811' ? pdfAttachment('7390811', REISSUED, 3811, a.title) : a,
        ),
      ),
      at(8),
      false,
      'Corrected the date in the letter from Hikvision of 12 January 2024.',
    );
    const served = (item: Record<string, any>) => [
      contentRoute(NEVER_AGAIN, item),
      pdfRoute(MEDIA, 'composed_hikvision-to-bscc-2024-01-12.pdf'),
      pdfRoute(REISSUED, 'composed_hikvision-to-bscc-2024-01-12_reissued.pdf'),
    ];
    ({ t, writes } = await timeline(
      ['never-again-publication'],
      [served(neverAgain()), served(added), served(added), served(reissue), served(reissue)],
    ));
  }, 120_000);
  afterAll(() => t?.h.close());

  it('the new PDF is one new letter, read as text, dated and threaded', async () => {
    expect(t.types[0]).toEqual(['new-correspondence']);
    const [letter] = t.received.filter((r) => /New letter/.test(r.mail.subject ?? ''));
    expect(letter.mail.subject).toMatch(/Hikvision to BSCC, 12 Jan 2024/);
    const docId = `govuk-asset:${NEVER_AGAIN}#7390811`;
    const head = await t.h.runtime.store.getDocument(docId);
    const version = await t.h.runtime.store.getVersion(docId, head!.version);
    expect(version!.text).toMatch(/Hikvision/);
    const change = (await t.h.runtime.store.listChanges({ limit: 50 })).items.find(
      (c) => c.docId === docId && c.type === 'new-correspondence',
    )!;
    expect(change.threadId).toBe('bscc--hikvision');
    expect(change.keywords.map((k) => k.term.toLowerCase())).toContain('hikvision');
    expect(change.letter).toEqual(expect.objectContaining({ date: '2024-01-12' }));
    expect(version!.text).toMatch(/carried out by an accountancy firm in the autumn/);
  });

  it('the re-issued PDF (same attachment, new asset, new size) is one change with the word diff', async () => {
    expect(t.types[2]).toEqual(['document-changed']);
    const changed = t.received.find((r) => /^Changed/.test(r.mail.subject ?? ''))!;
    expect(changed.mail.text).toMatch(/autumn/);
    expect(changed.mail.text).toMatch(/summer/);
  });

  it('the runs with nothing new raise nothing and write nothing', () => {
    expect([t.types[1], t.types[3]]).toEqual([[], []]);
    expect([writes[2] ?? 0, writes[4] ?? 0]).toEqual([0, 0]);
    expect(lostBetween(t.before, t.after)).toEqual([]);
  });
});

const LETTER_B = `${NEVER_AGAIN}/letter-from-bscc-to-hikvision-21-march-2022-accessible`;
const letterB = () => demoJson('t0', `content${LETTER_B.replace('/government/publications', '')}.json`);

describe('GOV.UK minor changes, withdrawals, transparency letters and collection members', () => {
  it('a minor correction to an HTML letter (updated_at only) is one change; the rerun is quiet', async () => {
    const minor = (item: Record<string, any>) => republished(item, at(7), true);
    const letter = letterB();
    const corrected = minor({
      ...letter,
      details: { ...letter.details, body: letter.details.body.replace(/March/, 'April') },
    });
    expect(corrected.public_updated_at).toBe(letter.public_updated_at);
    const steps = [
      [contentRoute(NEVER_AGAIN, neverAgain()), contentRoute(LETTER_B, letter)],
      [contentRoute(NEVER_AGAIN, minor(neverAgain())), contentRoute(LETTER_B, corrected)],
      [contentRoute(NEVER_AGAIN, minor(neverAgain())), contentRoute(LETTER_B, corrected)],
    ];
    const { t, writes } = await timeline(['never-again-publication'], steps);
    try {
      expect(t.types).toEqual([['document-changed'], []]);
      expect(t.received.map((r) => r.mail.text).join('\n')).toMatch(/April/);
      expect(writes[2] ?? 0).toBe(0);
    } finally {
      await t.h.close();
    }
  }, 120_000);

  it('a publication withdrawn the GOV.UK way is withdrawn with its letters; the rerun is quiet', async () => {
    const gone = withdrawn(republished(neverAgain(), at(9), true), at(9), 'This exchange is archived.');
    const steps = [[contentRoute(NEVER_AGAIN, neverAgain())], [contentRoute(NEVER_AGAIN, gone)], null];
    const { t, writes } = await timeline(['never-again-publication'], steps as Route[][]);
    try {
      expect(t.types[0].length).toBeGreaterThan(0);
      expect(new Set(t.types[0])).toEqual(new Set(['document-withdrawn']));
      expect(t.received.map((r) => r.mail.text).join('\n')).toMatch(/archived/);
      expect(t.types[1]).toEqual([]);
      expect(writes[2] ?? 0).toBe(0);
    } finally {
      await t.h.close();
    }
  }, 120_000);

  it('a letter publication typed transparency found by search gives its new letters; the rerun is quiet', async () => {
    // "Never again" as of t1: its letters of 30 March 2022 (HTML) and 12 January 2024 (PDF) are new to
    // the project; its others are among the letters it starts from.
    const search = demoJson('t0', 'search-bscc-correspondence.json');
    const publication = neverAgain('t1');
    const result = {
      ...search.results[0],
      title: publication.title,
      description: publication.description,
      link: NEVER_AGAIN,
      slug: NEVER_AGAIN.split('/').pop(),
      _id: NEVER_AGAIN,
      content_store_document_type: 'transparency',
      public_timestamp: publication.public_updated_at,
      updated_at: publication.updated_at,
    };
    const listing = (results: unknown[]) => ({
      path: '/api/search.json',
      // The demo's own route for this listing, so the override replaces it.
      query: {
        filter_organisations: 'biometrics-and-surveillance-camera-commissioner',
        filter_content_store_document_type: 'correspondence',
        start: '0',
      },
      body: JSON.stringify({ ...search, results, total: results.length }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    const steps = [[listing(search.results)], [listing([...search.results, result])], null];
    const { t, writes } = await timeline(['bscc-correspondence'], steps as Route[][], ['t0', 't1', 't1']);
    try {
      expect(t.types[0]).toEqual(['new-correspondence', 'new-correspondence']);
      expect(t.received.map((r) => r.mail.subject).sort()).toEqual([
        expect.stringMatching(/New letter: Hikvision to BSCC, 12 Jan 2024/),
        expect.stringMatching(/New letter: Hikvision to BSCC, 30 Mar 2022/),
      ]);
      expect(t.types[1]).toEqual([]);
      expect(writes[2] ?? 0).toBe(0);
    } finally {
      await t.h.close();
    }
  }, 120_000);

  it('a collection gaining a member is one new document naming its group; the rerun is quiet', async () => {
    const collection = demoJson('t0', 'procurement-guidance/procurement-act-2023-guidance-documents.json');
    const model = collection.links.documents[0];
    const base = '/government/publications/procurement-act-2023-guidance-exclusions-and-debarment';
    const member = {
      ...model,
      content_id: '6f1c2b8e-3a4d-5e6f-8a9b-0c1d2e3f4a5b',
      title: 'Procurement Act 2023: guidance on exclusions and debarment',
      base_path: base,
      api_path: `/api/content${base}`,
      api_url: `https://www.gov.uk/api/content${base}`,
      web_url: `https://www.gov.uk${base}`,
      public_updated_at: at(10),
    };
    const grown = republished(withMember(collection, member), at(10), false, 'Added exclusions guidance.');
    const steps = [[contentRoute(COLLECTION, collection)], [contentRoute(COLLECTION, grown)], null];
    const { t, writes } = await timeline(['procurement-act-guidance-collection'], steps as Route[][]);
    try {
      expect(t.types[0]).toEqual(['new-document']);
      const mail = t.received.find((r) => /exclusions and/.test(r.mail.subject ?? ''))!;
      expect(mail.mail.text).toMatch(/Plan phase/);
      expect(t.types[1]).toEqual([]);
      expect(writes[2] ?? 0).toBe(0);
    } finally {
      await t.h.close();
    }
  }, 120_000);
});

describe('PDFs that cannot be read as letters', () => {
  it('scanned, corrupt and encrypted PDFs are documents that say why they have no text; the source stays healthy', async () => {
    const SCANNED = '/media/77c3d4e5f6a7b8c9d0e1f2a3/Scanned_letter_from_Hikvision.pdf';
    const CORRUPT = '/media/88d4e5f6a7b8c9d0e1f2a3b4/Letter_damaged.pdf';
    const LOCKED = '/media/99e5f6a7b8c9d0e1f2a3b4c5/Letter_locked.pdf';
    const item = republished(
      withAttachments(neverAgain(), [
        ...neverAgain().details.attachments,
        pdfAttachment('7390812', SCANNED, 2048, 'Letter from Hikvision (scanned)'),
        pdfAttachment('7390813', CORRUPT, 120, 'Letter (damaged file)'),
        pdfAttachment('7390814', LOCKED, 1500, 'Letter (encrypted file)'),
      ]),
      at(11),
    );
    const routes = [
      contentRoute(NEVER_AGAIN, item),
      pdfRoute(SCANNED, 'composed_scanned-letter.pdf'),
      {
        path: CORRUPT,
        body: '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage',
        headers: { 'content-type': 'application/pdf' },
      },
      pdfRoute(LOCKED, 'composed_whitehall-simple_encrypted.pdf'),
    ];
    const steps = [[contentRoute(NEVER_AGAIN, neverAgain())], routes, null];
    const { t, writes } = await timeline(['never-again-publication'], steps as Route[][]);
    try {
      // Each is a document of its own that says, in one sentence, why it has no text to compare.
      expect(t.types[0]).toEqual(['new-document', 'new-document', 'new-document']);
      const text = (pattern: RegExp) => t.received.find((r) => pattern.test(r.mail.subject ?? ''))!.mail.text;
      expect(text(/scanned/)).toMatch(/has no text layer, a scan perhaps/);
      expect(text(/damaged/)).toMatch(/is not a valid PDF \(corrupt or cut off\)/);
      expect(text(/encrypted/)).toMatch(/encrypted/);
      // The source itself is healthy: nothing counts towards source-failing.
      expect(t.outcomes.map((o) => o.find((x) => x.sourceId === 'never-again-publication')!.kind)).toEqual([
        'updated',
        'unchanged',
      ]);
      expect(t.types[1]).toEqual([]);
      expect(writes[2] ?? 0).toBe(0);
    } finally {
      await t.h.close();
    }
  }, 120_000);
});
