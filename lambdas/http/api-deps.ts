/** What the router needs: the store's read side, settings, the web page's files and a logger. */
import type { Catalog } from '../core/catalog';
import type { ChangeLog, DocumentStore, Logger, SourceStateStore } from '../core/ports';
import type { ApiSettings } from './api-settings';

export interface WebAsset {
  body: string;
  contentType: string;
}

/** Reads one of the web page's files by name (`index.html`, `app.js`…); null when there is none. */
export type AssetSource = (name: string) => WebAsset | null;

export interface ApiDeps {
  /** Reads only: the API never writes the log. */
  store: Pick<ChangeLog, 'listChanges' | 'getChange'> &
    Pick<DocumentStore, 'listVersions' | 'getVersion' | 'getDocument' | 'listDocuments'> &
    Pick<SourceStateStore, 'getSourceState'>;
  settings: ApiSettings;
  assets: AssetSource | null;
  logger: Logger;
  /** The configured sources and change types: a filter naming another is a 400 listing these. */
  catalog?: Catalog;
}

/**
 * The base of every link the API writes: the configured public URL, or nothing (links relative to
 * the server). Never the request's Host header: any client can send any Host, and the Atom feed is
 * cacheable, so a forged Host would put someone else's address into links others read.
 */
export function baseUrlOf(deps: Pick<ApiDeps, 'settings'>): string {
  return deps.settings.baseUrl ?? '';
}
