/**
 * Where a stored document's detail is read, kept relative to the site it came from
 * (`govuk:/api/content/…`) and resolved against the endpoints of the current run. An absolute URL
 * would go stale when an endpoint changes (a replay server, a proxy), and a healthy source would
 * then fail to confirm a document that left its listing.
 */
import type { Endpoints } from './source-kind';

const LOCATOR = /^([a-z][a-z0-9-]*):(\/.*)$/;

export function toLocator(url: string, endpoints: Endpoints): string {
  for (const [site, base] of Object.entries(endpoints)) {
    const root = base.replace(/\/+$/, '');
    if (url === root || url.startsWith(`${root}/`) || url.startsWith(`${root}?`)) {
      return `${site}:${url.slice(root.length) || '/'}`;
    }
  }
  return url;
}

/**
 * `fallbackBase`: the origin of the source's listing, for absolute URLs stored before locators
 * existed whose host is no longer one of the endpoints.
 */
export function fromLocator(locator: string, endpoints: Endpoints, fallbackBase: string): string {
  const m = LOCATOR.exec(locator);
  const sites = endpoints as unknown as Record<string, string>;
  if (m && !/^https?$/.test(m[1]) && sites[m[1]]) return `${sites[m[1]].replace(/\/+$/, '')}${m[2]}`;
  try {
    const u = new URL(locator);
    const known = Object.values(endpoints).some((base) => new URL(base).origin === u.origin);
    return known ? u.toString() : new URL(`${u.pathname}${u.search}`, fallbackBase).toString();
  } catch {
    return new URL(locator, fallbackBase).toString();
  }
}
