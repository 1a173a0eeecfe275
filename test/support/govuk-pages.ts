/**
 * GOV.UK responses for replay timelines, composed from the demo's schema-valid files by changing only
 * values (a PDF attachment added or re-issued, a minor correction, a withdrawal, a collection member,
 * a transparency publication in search). Every composed content item is checked against GOV.UK's own
 * schema before it is served: a composition that would not validate throws, failing its test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../devtools/replay/replay-server';
import { contentItemProblems } from './govuk-schemas';
import { ROOT } from './harness';

type Json = Record<string, any>;

export const NEVER_AGAIN =
  '/government/publications/never-again-the-uks-responsibility-to-act-on-atrocities-in-xinjiang-and-beyond';
export const COLLECTION = '/government/collections/procurement-act-2023-guidance-documents';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const PDF_TYPE = { 'content-type': 'application/pdf' };
/** Served from the replay root (demo/replay), so fixtures are two levels up. */
export const pdfFile = (name: string) => `../../test/fixtures/pdf/${name}`;

export function demoJson(step: string, file: string): Json {
  return JSON.parse(readFileSync(join(ROOT, 'demo/replay', step, file), 'utf8')) as Json;
}

export const neverAgain = (step = 't0') =>
  demoJson(step, `content${NEVER_AGAIN.replace('/government/publications', '')}.json`);

/** A content item as a route, refused unless it validates against its format's schema. */
export function contentRoute(path: string, item: Json): Route {
  const problems = contentItemProblems(item);
  if (problems.length) throw new Error(`composed ${path} does not validate: ${problems.join('; ')}`);
  return { path: `/api/content${path}`, body: JSON.stringify(item), headers: JSON_TYPE };
}

export function pdfRoute(mediaPath: string, file: string): Route {
  return { path: mediaPath, file: pdfFile(file), headers: PDF_TYPE };
}

/** The item republished at `at`: a major change moves both timestamps, a minor one `updated_at` only. */
export function republished(item: Json, at: string, minor = false, note?: string): Json {
  const history = note
    ? [{ public_timestamp: at, note }, ...(item.details.change_history ?? [])]
    : item.details.change_history;
  return {
    ...item,
    updated_at: at,
    ...(minor ? {} : { public_updated_at: at }),
    details: { ...item.details, ...(history ? { change_history: history } : {}) },
  };
}

/** A PDF attachment in the shape GOV.UK gives one (copied from the demo's real-shaped file attachment). */
export function pdfAttachment(id: string, mediaPath: string, fileSize: number, title: string): Json {
  const model = neverAgain('t0').details.attachments.find((a: Json) => a.attachment_type === 'file');
  const filename = mediaPath.split('/').pop()!;
  return {
    ...model,
    id,
    title,
    url: `https://assets.publishing.service.gov.uk${mediaPath}`,
    filename,
    file_size: fileSize,
  };
}

export function withAttachments(item: Json, attachments: Json[]): Json {
  return { ...item, details: { ...item.details, attachments } };
}

export function withdrawn(item: Json, at: string, why: string): Json {
  return { ...item, withdrawn_notice: { explanation: `<div class="govspeak"><p>${why}</p></div>`, withdrawn_at: at } };
}

/** The collection with one more member in its first group (and in `links.documents`, as GOV.UK expands it). */
export function withMember(collection: Json, member: Json): Json {
  const [first, ...rest] = collection.details.collection_groups;
  const groups = [{ ...first, documents: [...first.documents, member.content_id] }, ...rest];
  return {
    ...collection,
    details: { ...collection.details, collection_groups: groups },
    links: { ...collection.links, documents: [...collection.links.documents, member] },
  };
}
