/** The report's Lambda weight section: each bundle's size, parts and cold load against an empty file. */
import { SDK_FROM_RUNTIME } from '../lib/constructs/handler-function';
import { BUNDLE_TARGET, type BundleFigure } from './bundle-bench';
import { kb, table } from './markdown';
import { fmt } from './measure';

export function bundleSection(bundles: BundleFigure[]): string[] {
  const runs = bundles[0]?.runs ?? 0;
  const target = (b: BundleFigure) =>
    b.bytes < BUNDLE_TARGET.bytes && b.loadMsP50 - b.emptyLoadMsP50 < BUNDLE_TARGET.loadMs ? 'yes' : '**no**';
  return [
    '## 5. Lambda weight',
    '',
    'Each handler in lambdas/handlers/ bundled as the stack bundles it (`BUNDLE_OPTIONS`: esbuild, minified, ' +
      'node22, CommonJS, UTF-8, the AWS SDK bundled from its ES modules with the environment credentials provider ' +
      `in place of the default chain, except in ${SDK_FROM_RUNTIME.join(', ')}, which takes the runtime's SDK to ` +
      'stay under the size budget). Cold load: a fresh Node process requires the bundle (no NODE_PATH; for a ' +
      "handler taking the runtime's SDK, NODE_PATH finds it in node_modules, as Lambda's /var/runtime would) — the " +
      `bundle, alternately with an empty file, ${runs} times each; medians, on ${process.version}. ` +
      '*require* is the `require` call itself, *process* spawn to exit. ' +
      `Target (issue 17): under ${BUNDLE_TARGET.bytes / 1000} KB and under ${BUNDLE_TARGET.loadMs} ms of require ` +
      'beyond the empty file.',
    '',
    table(
      [
        'handler',
        'bundle KB',
        'gzip KB',
        'largest parts (KB)',
        'require ms',
        'empty file ms',
        'process ms',
        'empty process ms',
        'target met',
      ],
      bundles.map((b) => [
        b.handler,
        kb(b.bytes),
        kb(b.gzipBytes),
        b.heaviest.map((h) => `${h.name} ${kb(h.bytes)}`).join(', '),
        fmt(b.loadMsP50, 0),
        fmt(b.emptyLoadMsP50, 1),
        fmt(b.processMsP50, 0),
        fmt(b.emptyProcessMsP50, 0),
        target(b),
      ]),
    ),
    '',
  ];
}
