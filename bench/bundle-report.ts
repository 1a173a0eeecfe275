/** The report's Lambda weight section: each bundle's size, parts and cold load against an empty file. */
import { BUNDLE_TARGET, type BundleFigure } from './bundle-bench';
import { kb, table } from './markdown';
import { fmt } from './measure';

export function bundleSection(bundles: BundleFigure[]): string[] {
  const runs = bundles[0]?.runs ?? 0;
  const met = (b: BundleFigure) =>
    b.bytes < BUNDLE_TARGET.bytes && b.loadMsP50 - b.emptyLoadMsP50 < BUNDLE_TARGET.loadMs ? 'yes' : '**no**';
  const target = (b: BundleFigure) => (b.deployed ? met(b) : `(not deployed: ${met(b)})`);
  const name = (b: BundleFigure) => (b.kinds ? `${b.handler} (${b.kinds.join(', ')})` : b.handler);
  return [
    '## 5. Lambda weight',
    '',
    'Each function bundled as the stack bundles it (`BUNDLE_OPTIONS`: esbuild, minified, node22, CommonJS, ' +
      'UTF-8, the AWS SDK bundled from its ES modules with the environment credentials provider in place of the ' +
      "default chain): one checker per schedule group of the shipped config, each with only its group's source " +
      'kinds (lib/constructs/checker-entries.ts), then the other handlers, and last the every-kind checker ' +
      '(lambdas/handlers/check-sources.ts), which no stack deploys, for comparison. Cold load: a fresh Node ' +
      'process requires the bundle (no NODE_PATH, nothing beside it) — the bundle, alternately with an empty ' +
      `file, ${runs} times each; medians, on ${process.version}. ` +
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
        name(b),
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
