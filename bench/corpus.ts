/**
 * A generated replay corpus of realistic size: N GOV.UK search sources × M publications, every
 * k-th with an HTML attachment, written as ReplayServer steps (`c0`, `c1`…) into a temp folder.
 * Every file is a real recorded fixture (test/fixtures/govuk-*) with only values changed; each
 * step inherits the previous one and lists only what moved, as GOV.UK would serve it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paragraph, realVocabulary } from './vocabulary';
import { seededRandom } from './measure';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const readJson = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));

export interface CorpusOptions {
  dir: string;
  sources: number;
  documentsPerSource: number;
  /** Every n-th publication carries one HTML attachment (a document of its own). */
  attachmentEvery: number;
  seed?: number;
}

interface Doc {
  source: number;
  index: number;
  slug: string;
  title: string;
  timestamp: string;
  firstPublished: string;
  paragraphs: string[];
  attachment: { paragraphs: string[] } | null;
  notes: { public_timestamp: string; note: string }[];
}

export interface StepSummary {
  step: string;
  changedPublications: number;
  changedAttachments: number;
}

export class ReplayCorpus {
  private readonly random: () => number;
  private readonly words = realVocabulary();
  private readonly docs: Doc[][] = [];
  private readonly publication = readJson(
    'govuk-content/publishing-api_publication_publication-with-featured-attachments.json',
  );
  private readonly htmlPublication = readJson('govuk-content/publishing-api_html_publication_published.json');
  private readonly search = readJson('govuk-search/gds-api-adapters_new_policies_for_dwp.json');
  private steps = 0;

  constructor(readonly options: CorpusOptions) {
    this.random = seededRandom(options.seed ?? 20240611);
  }

  get documentCount(): number {
    return this.docs.reduce((n, list) => n + list.length + list.filter((d) => d.attachment).length, 0);
  }

  organisation(source: number): string {
    return `bench-organisation-${String(source).padStart(2, '0')}`;
  }

  /** Step c0: every source's listing and every document. */
  writeBase(): StepSummary {
    const { sources, documentsPerSource, attachmentEvery } = this.options;
    const routes: object[] = [];
    for (let s = 0; s < sources; s++) {
      const list: Doc[] = [];
      for (let d = 0; d < documentsPerSource; d++) {
        const year = 2015 + Math.floor(this.random() * 10);
        const stamp = new Date(
          Date.UTC(year, Math.floor(this.random() * 12), 1 + Math.floor(this.random() * 28), 9, 30),
        ).toISOString();
        const words = this.words;
        const title =
          `${paragraph(this.random, words, 1).split(' ').slice(0, 6).join(' ').replace(/\.$/, '')} ` + `(${s}-${d})`;
        list.push({
          source: s,
          index: d,
          slug: `bench-${s}-${d}-${title
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 60)}`,
          title,
          timestamp: stamp,
          firstPublished: stamp,
          paragraphs: Array.from({ length: 3 + Math.floor(this.random() * 4) }, () => paragraph(this.random, words)),
          attachment:
            d % attachmentEvery === 0
              ? {
                  paragraphs: Array.from({ length: 10 + Math.floor(this.random() * 10) }, () =>
                    paragraph(this.random, words),
                  ),
                }
              : null,
          notes: [{ public_timestamp: stamp, note: 'First published.' }],
        });
      }
      this.docs.push(list);
      routes.push(this.listingRoute('c0', s));
      for (const doc of list) routes.push(...this.docRoutes('c0', doc, true));
    }
    this.writeRoutes('c0', { routes });
    this.steps = 1;
    return {
      step: 'c0',
      changedPublications: sources * documentsPerSource,
      changedAttachments: this.documentCount - sources * documentsPerSource,
    };
  }

  /**
   * The next step: `fraction` of the publications edited (one paragraph rewritten, a change note,
   * a new timestamp); an edited publication's attachment is edited too half of the time.
   */
  writeNextStep(fraction: number): StepSummary {
    const step = `c${this.steps}`;
    const base = `c${this.steps - 1}`;
    const all = this.docs.flat();
    const count = Math.round(all.length * fraction);
    const chosen = new Set<Doc>();
    while (chosen.size < count) chosen.add(all[Math.floor(this.random() * all.length)]);
    const moved = Date.UTC(2025, 0, 1) + this.steps * 15 * 60_000;
    let attachments = 0;
    const routes: object[] = [];
    const sources = new Set<number>();
    [...chosen].forEach((doc, i) => {
      doc.timestamp = new Date(moved + i * 1000).toISOString();
      doc.paragraphs[Math.floor(this.random() * doc.paragraphs.length)] = paragraph(this.random, this.words);
      doc.notes.unshift({ public_timestamp: doc.timestamp, note: `Updated: ${paragraph(this.random, this.words, 1)}` });
      const attachmentChanged = doc.attachment !== null && this.random() < 0.5;
      if (attachmentChanged) {
        doc.attachment!.paragraphs[Math.floor(this.random() * doc.attachment!.paragraphs.length)] = paragraph(
          this.random,
          this.words,
        );
        attachments++;
      }
      // An attachment carries its publication's timestamp, so it is re-served whenever the parent moves.
      routes.push(...this.docRoutes(step, doc, doc.attachment !== null));
      sources.add(doc.source);
    });
    for (const s of sources) routes.push(this.listingRoute(step, s));
    this.writeRoutes(step, { base, routes });
    this.steps++;
    return { step, changedPublications: count, changedAttachments: attachments };
  }

  private writeRoutes(step: string, spec: object): void {
    mkdirSync(join(this.options.dir, step), { recursive: true });
    writeFileSync(join(this.options.dir, step, 'routes.json'), JSON.stringify(spec));
  }

  private listingRoute(step: string, source: number): object {
    const list = [...this.docs[source]].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    const template = this.search.results[0];
    const org = {
      ...template.organisations[0],
      slug: this.organisation(source),
      link: `/government/organisations/${this.organisation(source)}`,
      title: `Bench organisation ${source}`,
      acronym: `BO${source}`,
    };
    const body = {
      ...this.search,
      results: list.map((d) => ({
        ...template,
        title: d.title,
        description: d.paragraphs[0].slice(0, 160),
        link: `/government/publications/${d.slug}`,
        slug: d.slug,
        format: 'publication',
        organisations: [org],
        public_timestamp: d.timestamp,
        index: 'government',
        _id: `/government/publications/${d.slug}`,
        document_type: 'edition',
        content_store_document_type: 'correspondence',
      })),
      total: list.length,
      start: 0,
    };
    const file = `s${source}/search.json`;
    this.writeFile(step, file, body);
    return { path: '/api/search.json', query: { filter_organisations: this.organisation(source), start: '0' }, file };
  }

  private docRoutes(step: string, doc: Doc, withAttachment: boolean): object[] {
    const path = `/government/publications/${doc.slug}`;
    const attachmentPath = `${path}/${doc.slug.slice(0, 40)}-html`;
    const p = this.publication;
    const templateAttachment = p.details.attachments[0];
    const item = {
      ...p,
      base_path: path,
      content_id: `bench-${doc.source}-${doc.index}`,
      title: doc.title,
      description: doc.paragraphs[0].slice(0, 160),
      document_type: 'correspondence',
      first_published_at: doc.firstPublished,
      public_updated_at: doc.timestamp,
      updated_at: doc.timestamp,
      details: {
        ...p.details,
        body: `<div class="govspeak">${doc.paragraphs.map((t) => `<p>${t}</p>`).join('\n')}</div>`,
        change_history: doc.notes,
        featured_attachments: [],
        attachments: doc.attachment
          ? [
              {
                ...templateAttachment,
                attachment_type: 'html',
                id: `html-${doc.source}-${doc.index}`,
                title: `${doc.title} (HTML)`,
                url: `https://www.gov.uk${attachmentPath}`,
                content_type: 'text/html',
              },
            ]
          : [],
      },
      links: {
        ...p.links,
        organisations: [
          {
            title: `Bench organisation ${doc.source}`,
            base_path: `/government/organisations/${this.organisation(doc.source)}`,
          },
        ],
      },
    };
    const file = `s${doc.source}/${doc.slug}.json`;
    this.writeFile(step, file, item);
    const routes: object[] = [{ path: `/api/content${path}`, file }];
    if (doc.attachment && withAttachment) {
      const h = this.htmlPublication;
      const attachment = {
        ...h,
        base_path: attachmentPath,
        content_id: `bench-html-${doc.source}-${doc.index}`,
        title: `${doc.title} (HTML)`,
        public_updated_at: doc.timestamp,
        updated_at: doc.timestamp,
        details: {
          ...h.details,
          body: `<div class="govspeak">${doc.attachment.paragraphs.map((t) => `<p>${t}</p>`).join('\n')}</div>`,
          public_timestamp: doc.timestamp,
        },
        links: {
          ...h.links,
          parent: [{ ...h.links.parent[0], base_path: path, title: doc.title, document_type: 'correspondence' }],
        },
      };
      const attachmentFile = `s${doc.source}/${doc.slug}.html-attachment.json`;
      this.writeFile(step, attachmentFile, attachment);
      routes.push({ path: `/api/content${attachmentPath}`, file: attachmentFile });
    }
    return routes;
  }

  private writeFile(step: string, file: string, body: unknown): void {
    const full = join(this.options.dir, step, file);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, JSON.stringify(body, null, 1));
  }
}
