/** The demo replay's route tables read as data: which file each step serves at which path and query. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../devtools/replay/replay-server';

export const ROOT_DIR = join(__dirname, '..', '..');
export const REPLAY_DIR = join(ROOT_DIR, 'demo', 'replay');

export interface ServedFile {
  step: string;
  route: Route;
  /** Absolute path of the file served, when the route serves one. */
  file: string | null;
}

/** Every route of every step folder under `root` (own routes only: inherited ones are listed in their step). */
export function replayRoutes(root = REPLAY_DIR): ServedFile[] {
  return readdirSync(root)
    .filter((step) => existsSync(join(root, step, 'routes.json')))
    .sort()
    .flatMap((step) => {
      const spec = JSON.parse(readFileSync(join(root, step, 'routes.json'), 'utf8')) as { routes: Route[] };
      return spec.routes.map((route) => ({ step, route, file: route.file ? join(root, step, route.file) : null }));
    });
}
