/** The web page's files read from a folder (`web/` locally, copied beside the Lambda bundle in AWS). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssetSource, WebAsset } from '../../http/api-deps';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Only the page's own names are ever read: the name comes from the router's table, never the URL. */
export function folderAssets(dir: string): AssetSource {
  const cache = new Map<string, WebAsset | null>();
  return (name) => {
    if (!/^[a-z]+\.(html|js|css|svg)$/.test(name)) return null;
    if (!cache.has(name)) {
      const file = join(dir, name);
      cache.set(
        name,
        existsSync(file) ? { body: readFileSync(file, 'utf8'), contentType: TYPES[name.split('.').pop()!] } : null,
      );
    }
    return cache.get(name)!;
  };
}
