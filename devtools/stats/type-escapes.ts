/**
 * Prints how often the code steps outside the type checker, by folder: the runtime (lambdas/, lib/,
 * bin/) apart from the tests and tools (test/, bench/, devtools/), whose recorded JSON is `any` on purpose.
 *   npm run stats:types                      the working tree
 *   npm run stats:types -- --at f6ed6dc      the files of a commit (read through git, the tree untouched)
 *   npm run stats:types -- --top 15          and the files with the most
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addCounts, countEscapes, noEscapes, type EscapeCounts } from './count-escapes';

const root = join(__dirname, '..', '..');
const GROUPS: { name: string; folders: string[] }[] = [
  { name: 'runtime', folders: ['lambdas', 'lib', 'bin'] },
  { name: 'tests and tools', folders: ['test', 'bench', 'devtools'] },
];
const isSource = (path: string): boolean => /\.tsx?$/.test(path) && !path.endsWith('.d.ts');

interface Tree {
  list(folder: string): string[];
  read(path: string): string;
}

const workingTree: Tree = {
  list: (folder) =>
    readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && !e.parentPath.includes('node_modules'))
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
      .filter(isSource),
  read: (path) => readFileSync(join(root, path), 'utf8'),
};

function commitTree(commit: string): Tree {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 1e8 });
  return {
    list: (folder) => git('ls-tree', '-r', '--name-only', commit, '--', folder).split('\n').filter(isSource),
    read: (path) => git('show', `${commit}:${path}`),
  };
}

const row = (label: string, c: EscapeCounts, files?: number): string =>
  `| ${label} | ${files ?? ''} | ${c.casts} | ${c.nonNull} | ${c.definite} | ${c.any} |`;

function main(argv: string[]): void {
  const at = argv.indexOf('--at');
  const commit = at >= 0 ? argv[at + 1] : undefined;
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 0;
  const tree = commit ? commitTree(commit) : workingTree;
  const perFile: { path: string; counts: EscapeCounts }[] = [];
  const lines = [
    `Type escapes in ${commit ?? 'the working tree'}`,
    '',
    '| folder | files | `as` casts | `!` non-null | `!` definite | `any` |',
    '|---|---|---|---|---|---|',
  ];
  for (const group of GROUPS) {
    const total = noEscapes();
    let files = 0;
    for (const folder of group.folders) {
      const paths = tree.list(folder);
      const sum = noEscapes();
      for (const path of paths) {
        const counts = countEscapes(tree.read(path), path);
        perFile.push({ path, counts });
        addCounts(sum, counts);
      }
      files += paths.length;
      addCounts(total, sum);
      lines.push(row(`${folder}/`, sum, paths.length));
    }
    lines.push(row(`**${group.name}**`, total, files));
  }
  if (top > 0) {
    const weight = (c: EscapeCounts): number => c.casts + c.nonNull + c.definite + c.any;
    lines.push('', `Files with the most (casts / non-null / definite / any):`);
    perFile
      .sort((a, b) => weight(b.counts) - weight(a.counts) || a.path.localeCompare(b.path))
      .slice(0, top)
      .forEach(({ path, counts: c }) => lines.push(`  ${path}: ${c.casts} / ${c.nonNull} / ${c.definite} / ${c.any}`));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2));
