/**
 * Where each publisher's site is: the live addresses, and the rule for an address a config may set
 * instead (a mirror, or a local replay server standing in for every site).
 */
import * as z from 'zod';
import type { Endpoints } from './core/source-kind';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * https only; plain http only to this machine (a local replay server). Never a path-less trick like
 * file: or javascript:.
 */
const endpoint = z
  .string()
  .url()
  .refine((v) => {
    const u = new URL(v);
    const loopback = u.protocol === 'http:' && LOOPBACK.has(u.hostname);
    return (u.protocol === 'https:' || loopback) && !u.username && !u.password && !u.search && !u.hash;
  }, 'must be an https:// URL without user, query or fragment (http:// only for 127.0.0.1 or localhost)');

export const LIVE_ENDPOINTS: Endpoints = {
  govuk: 'https://www.gov.uk',
  govukAssets: 'https://assets.publishing.service.gov.uk',
  parliament: 'https://bills-api.parliament.uk',
  legislation: 'https://www.legislation.gov.uk',
  findATender: 'https://www.find-tender.service.gov.uk',
  contractsFinder: 'https://www.contractsfinder.service.gov.uk',
  parliamentQuestions: 'https://questions-statements-api.parliament.uk',
};

/** A site a source declares is keyed by its host name (`freetibet.org`), so a replay server can stand in. */
const siteHost = z.string().regex(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

/** Every key optional; a key that is neither a family nor a host name is a typo, reported. */
export const endpointsSchema = z
  .object({
    govuk: endpoint,
    govukAssets: endpoint,
    parliament: endpoint,
    legislation: endpoint,
    findATender: endpoint,
    contractsFinder: endpoint,
    parliamentQuestions: endpoint,
  })
  .partial()
  .catchall(endpoint)
  .superRefine((e, ctx) => {
    for (const key of Object.keys(e)) {
      if (!(key in LIVE_ENDPOINTS) && !siteHost.safeParse(key).success)
        ctx.addIssue({ code: 'custom', path: [key], message: 'is neither an endpoint family nor a site host name' });
    }
  });

/**
 * Every site at one address: a local replay server standing in for all of them, including the
 * sites the sources declare (the keys of `endpoints` beyond the families).
 */
export function allSitesAt(url: string, endpoints: Endpoints = LIVE_ENDPOINTS): Endpoints {
  // Every family is among the keys, so each live address is overwritten: none is left pointing outside.
  const all: Endpoints = { ...LIVE_ENDPOINTS };
  for (const site of [...Object.keys(LIVE_ENDPOINTS), ...Object.keys(endpoints)]) all[site] = url;
  return all;
}
