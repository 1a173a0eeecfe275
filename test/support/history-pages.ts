/**
 * Pages for replay timelines, composed from the recorded-shape files the demo serves (changing only
 * values): a GOV.UK publication and its HTML letter at any step of an edit history, and a GOV.UK
 * list page with any rows. Tests serve them through the replay server's overrides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../devtools/replay/replay-server';
import { FIXTURES } from './fixtures';
import { ROOT } from './harness';

export const NORTHMOOR =
  '/government/publications/letter-to-the-police-and-crime-commissioner-for-northmoor-on-live-facial-recognition';
export const NORTHMOOR_LETTER = `${NORTHMOOR}/letter-from-bscc-to-the-police-and-crime-commissioner-for-northmoor-6-february-2023-accessible`;

const demo = (step: string, path: string) =>
  JSON.parse(
    readFileSync(
      join(ROOT, 'demo/replay', step, 'content', `${path.replace('/government/publications/', '')}.json`),
      'utf8',
    ),
  ) as Record<string, any>;

/** The Northmoor letter as served at `step` of a history: `19` or `26` January, at a time of its own. */
export function northmoorRoutes(step: number, day: '19' | '26', withdrawn = false): Route[] {
  const at = new Date(Date.UTC(2024, 0, 1 + step, 9)).toISOString();
  const pub = demo(day === '19' ? 't0' : 't1', NORTHMOOR);
  const letter = demo(day === '19' ? 't0' : 't1', NORTHMOOR_LETTER);
  const notice = withdrawn
    ? { explanation: '<div class="govspeak"><p>Withdrawn while it is corrected.</p></div>', withdrawn_at: at }
    : {};
  const publication = { ...pub, public_updated_at: at, updated_at: at, withdrawn_notice: notice };
  const attachment = { ...letter, public_updated_at: at, updated_at: at };
  const json = { 'content-type': 'application/json; charset=utf-8' };
  return [
    { path: `/api/content${NORTHMOOR}`, body: JSON.stringify(publication), headers: json },
    { path: `/api/content${NORTHMOOR_LETTER}`, body: JSON.stringify(attachment), headers: json },
  ];
}

export const SUPPLIER_LIST = '/government/publications/supplier-list';

/** The recorded debarment-list page with its table replaced by these rows (supplier, ground). */
export function listPage(rows: [string, string][]): string {
  const page = readFileSync(join(FIXTURES, 'html-list', 'debarment-list.html'), 'utf8');
  const body = rows.map(([s, g]) => `<tr><td>${s}</td><td>${g}</td></tr>`).join('\n');
  const table = `<table><thead><tr><th>Supplier</th><th>Ground</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
  return page.replace(/<table>[\s\S]*?<\/table>/, table);
}

export function listRoute(rows: [string, string][]): Route {
  return { path: SUPPLIER_LIST, body: listPage(rows), headers: { 'content-type': 'text/html; charset=utf-8' } };
}

export const listSource = {
  id: 'supplier-list',
  kind: 'html-list',
  name: 'Supplier list',
  group: 'govuk',
  path: SUPPLIER_LIST,
  container: 'table',
  row: 'tbody tr',
  fields: { supplier: 'td:nth-child(1)', ground: 'td:nth-child(2)' },
  key: ['supplier'],
  listName: 'the supplier list',
  events: { added: 'supplier-debarred', removed: 'supplier-removed', changed: 'debarment-changed' },
};

export const northmoorSource = {
  id: 'northmoor',
  kind: 'govuk-content',
  name: 'Northmoor letter',
  group: 'govuk',
  path: NORTHMOOR,
  alertOnNew: 'new-correspondence',
};

export function suppliers(n: number, prefix = 'Supplier'): [string, string][] {
  return Array.from({ length: n }, (_, i) => [`${prefix} ${String(i + 1).padStart(4, '0')} Ltd`, 'Mandatory: fraud']);
}
