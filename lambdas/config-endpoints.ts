/**
 * Where each publisher's site is: the live addresses, and the rule for an address a config may set
 * instead (a mirror, or a local replay server standing in for every site).
 */
import { z } from 'zod';
import type { Endpoints } from './core/source-kind';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https only; plain http only to this machine (a local replay server). Never a path-less trick like file: or javascript:. */
const endpoint = z
  .string()
  .url()
  .refine((v) => {
    const u = new URL(v);
    const loopback = u.protocol === 'http:' && LOOPBACK.has(u.hostname);
    return (u.protocol === 'https:' || loopback) && !u.username && !u.password && !u.search && !u.hash;
  }, 'must be an https:// URL without user, query or fragment (http:// only for 127.0.0.1 or localhost)');

export const endpointsSchema = z
  .object({
    govuk: endpoint,
    govukAssets: endpoint,
    parliament: endpoint,
    legislation: endpoint,
  })
  .strict();

export const LIVE_ENDPOINTS: Endpoints = {
  govuk: 'https://www.gov.uk',
  govukAssets: 'https://assets.publishing.service.gov.uk',
  parliament: 'https://bills-api.parliament.uk',
  legislation: 'https://www.legislation.gov.uk',
};

/** Every site at one address: a local replay server standing in for all of them. */
export function allSitesAt(url: string): Endpoints {
  return Object.fromEntries(Object.keys(LIVE_ENDPOINTS).map((site) => [site, url])) as unknown as Endpoints;
}
