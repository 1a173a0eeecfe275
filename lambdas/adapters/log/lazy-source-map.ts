/**
 * Stack traces of a bundled Lambda point at the TypeScript source, with the source map read on the
 * first stack trace instead of at every cold start. `--enable-source-maps` parses the bundle's 1 MB
 * map while the bundle loads: 15–30 ms of each cold start (docs/benchmarks.md section 5), for traces
 * that most containers never print. V8 formats a stack only when `.stack` is first read, so the map
 * is loaded then, once, and frames in other files are left as Node writes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';

/** `../../work/app/lambdas/core/errors.ts` → `lambdas/core/errors.ts`: the path as the repository names it. */
export function repoPath(source: string): string {
  const at = source.search(/(^|\/)(lambdas|node_modules)\//);
  return at < 0 ? source : source.slice(at).replace(/^\//, '');
}

/** One frame, mapped where `map` covers it (V8's own text otherwise). */
export function frameText(frame: NodeJS.CallSite, bundle: string, map: SourceMap | null): string {
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (map && frame.getFileName() === bundle && line !== null && column !== null) {
    const entry = map.findEntry(line - 1, column - 1);
    if ('originalSource' in entry && entry.originalSource) {
      const where = `${repoPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      const name = frame.getFunctionName();
      return `    at ${frame.isConstructor() ? 'new ' : ''}${name ? `${name} (${where})` : where}`;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- V8's CallSite writes its own frame text.
  return `    at ${frame.toString()}`;
}

/** Maps the frames of `bundle` (a handler's index.js) when its `.map` lies beside it; else does nothing. */
export function mapStacksLazily(bundle: string): boolean {
  if (!existsSync(`${bundle}.map`)) return false;
  let map: SourceMap | null | undefined;
  Error.prepareStackTrace = (err: Error, frames: NodeJS.CallSite[]) => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapPayload);
      } catch {
        // An unreadable map leaves the traces as V8 writes them, never a failure of its own.
        map = null;
      }
    }
    let head: string;
    try {
      head = Error.prototype.toString.call(err);
    } catch {
      head = 'Error';
    }
    return [head, ...frames.map((f) => frameText(f, bundle, map ?? null))].join('\n');
  };
  return true;
}
