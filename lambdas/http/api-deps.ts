/** What the router needs: the store's read side, settings, the web page's files and a logger. */
import type { Logger, Store } from '../core/ports';
import type { ApiSettings } from './api-settings';

export interface WebAsset {
  body: string;
  contentType: string;
}

/** Reads one of the web page's files by name (`index.html`, `app.js`…); null when there is none. */
export type AssetSource = (name: string) => WebAsset | null;

export interface ApiDeps {
  store: Pick<Store, 'listChanges' | 'getChange' | 'listVersions' | 'getDocument'>;
  settings: ApiSettings;
  assets: AssetSource | null;
  logger: Logger;
}

/** Absolute base for links: the configured public URL, or what the request says it was sent to. */
export function baseUrlOf(deps: ApiDeps, headers: Record<string, string | undefined>): string {
  if (deps.settings.baseUrl) return deps.settings.baseUrl;
  const host = headers.host ?? 'localhost';
  const proto = headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}
