/**
 * Where a `site-list` source's requests go, shared by its declaration (the hosts it may fetch) and its
 * parsers; kept apart from the schema so that the checker's bundle builds no config schema.
 */
import type { Endpoints } from '../../core/source-kind';
import type { SiteListConfig } from './declaration';

/** The site's host, which keys its stand-in in the endpoints. */
export const host = (config: Pick<SiteListConfig, 'site'>) => new URL(config.site).host;
/** Where requests go: the site itself, or whatever stands in for it (a replay server). */
export const base = (config: Pick<SiteListConfig, 'site'>, endpoints: Endpoints) =>
  (endpoints[host(config)] ?? config.site).replace(/\/+$/, '');
