/**
 * A change log seeded through the real write path (`store.recordChange`): three sources, several
 * types and threads, one diff, and one title carrying markup that must stay text everywhere.
 * Titles and URLs are those of the real GOV.UK pages the demo replays.
 */
import type { Change, DiffOp } from '../../../lambdas/core/model';
import type { Store } from '../../../lambdas/core/ports';
import { newChange } from '../../../lambdas/core/new-change';

export const HOSTILE_TITLE = 'Reply <img src=x onerror="window.__xss=1"> & "quotes" </title></entry>';

const BSCC = 'bscc-correspondence';
const NEVER = 'never-again-publication';
const LEG = 'procurement-act-2023';

const LETTERS = [
  ['Letter from the Biometrics and Surveillance Camera Commissioner to Hikvision', 'bscc--hikvision'],
  ['Hikvision response to the Biometrics and Surveillance Camera Commissioner', 'bscc--hikvision'],
  ['Letter from the Biometrics and Surveillance Camera Commissioner to Dahua Technology', 'bscc--dahua'],
  ['Letter to Free Tibet about Hikvision', 'free-tibet--hikvision'],
] as const;

export const CHANGED_DIFF: DiffOp[] = [
  { op: 'equal', text: 'The government will ' },
  { op: 'delete', text: 'consider' },
  { op: 'insert', text: 'remove' },
  { op: 'equal', text: ' surveillance equipment supplied by companies ' },
  { op: 'insert', text: 'linked to human rights abuses ' },
  { op: 'equal', text: 'from sensitive sites.' },
];

function change(i: number, over: Partial<Change>): Change {
  // One change every 6 hours from 1 Jan 2026, so every filter has a clear time order.
  const detectedAt = new Date(Date.UTC(2026, 0, 1) + i * 6 * 3600_000).toISOString();
  return newChange(
    {
      changeId: `c${String(i).padStart(3, '0')}`,
      sourceId: BSCC,
      docId: null,
      type: 'new-correspondence',
      detectedAt,
      runId: `run-${Math.floor(i / 5)}`,
      title: `Change ${i}`,
      url: null,
      summary: `Summary ${i}`,
    },
    { version: 1, ...over },
  );
}

/** 30 changes, newest last; returns them newest first (the order the API answers in). */
export function seedChanges(): Change[] {
  const out: Change[] = [];
  for (let i = 0; i < 30; i++) {
    const [title, thread] = LETTERS[i % LETTERS.length];
    if (i % 3 === 0) {
      const slug = `letter-${i}`;
      out.push(
        change(i, {
          title: `${title}: ${i + 1} March 2026`,
          docId: `govuk:/government/publications/${slug}`,
          url: `https://www.gov.uk/government/publications/${slug}`,
          threadId: thread,
          keywords: i % 2 === 0 ? [{ term: 'Hikvision', excerpt: `… ${title} …` }] : [],
        }),
      );
    } else if (i % 3 === 1) {
      out.push(
        change(i, {
          sourceId: NEVER,
          type: 'document-changed',
          title: "Never again: the UK's responsibility to act on atrocities in Xinjiang and beyond",
          docId:
            'govuk:/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond',
          url: 'https://www.gov.uk/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond',
          version: i + 1,
          previousVersion: i,
          diff: CHANGED_DIFF,
          changeNote: 'Government response added.',
          keywords: [
            { term: 'surveillance equipment', excerpt: 'remove surveillance equipment supplied by companies' },
          ],
        }),
      );
    } else {
      out.push(
        change(i, {
          sourceId: LEG,
          type: i === 29 ? 'document-withdrawn' : 'new-document',
          title: i === 2 ? HOSTILE_TITLE : `The Procurement Act 2023 (Commencement No. ${i}) Regulations 2026`,
          url: `https://www.legislation.gov.uk/uksi/2026/${100 + i}/made`,
          docId: `legislation:/uksi/2026/${100 + i}`,
        }),
      );
    }
  }
  return out.reverse();
}

export const HISTORY_DOC =
  'govuk:/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond';

/** Two versions of the Never again publication, written the way check-source writes them. */
async function seedHistory(store: Store): Promise<void> {
  const doc = {
    docId: HISTORY_DOC,
    sourceId: NEVER,
    url: 'https://www.gov.uk/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond',
    title: "Never again: the UK's responsibility to act on atrocities in Xinjiang and beyond",
    documentType: 'policy_paper',
    signal: 's1',
    hash: 'h1',
    version: 1,
    revision: 1,
    status: 'active' as const,
    knownId: null,
    threadId: null,
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-01T00:00:00.000Z',
    detailUrl: null,
    detailBucket: null,
    parentId: null,
  };
  const text1 = 'The government will consider surveillance equipment supplied by companies from sensitive sites.';
  await store.recordChange({
    changes: [],
    alerts: [],
    document: { next: doc, expectedRevision: null },
    version: {
      docId: HISTORY_DOC,
      version: 1,
      hash: 'h1',
      text: text1,
      title: doc.title,
      fetchedAt: doc.firstSeenAt,
      changeNote: null,
    },
  });
  const text2 =
    'The government will remove surveillance equipment supplied by companies linked to human rights abuses from sensitive sites.';
  await store.recordChange({
    changes: [],
    alerts: [],
    document: { next: { ...doc, version: 2, revision: 2, hash: 'h2', signal: 's2' }, expectedRevision: 1 },
    version: {
      docId: HISTORY_DOC,
      version: 2,
      hash: 'h2',
      text: text2,
      title: doc.title,
      fetchedAt: '2026-01-02T00:00:00.000Z',
      changeNote: 'Government response added.',
    },
  });
}

export async function seedChangeLog(store: Store): Promise<Change[]> {
  const changes = seedChanges();
  await Promise.all(changes.map((c) => store.recordChange({ changes: [c], alerts: [] })));
  await seedHistory(store);
  return changes;
}
