/**
 * Jest's test sequencer for mutation runs: of the test files jest finds related to a mutated file, it keeps
 * only those holding a test Stryker asked for. Stryker names the tests that cover the mutant (jest's
 * testNamePattern) but jest still loads every related file to find them: 15 files for a source kind, about
 * 3 s each on this machine, for the one or two that hold them. A test that does not cover a mutant cannot
 * kill it, so dropping those files changes no result. Which file holds which test comes from
 * `jest --collectTests --json`, which `npm run test:mutation` writes before each run; any name it does not
 * know keeps every file, as does a run without a pattern (Stryker's first, coverage-measuring run).
 */
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** The exact test names in Stryker's pattern: `(<escaped name>)|(<escaped name>)…`. */
function namesInPattern(pattern) {
  const names = [];
  let current = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && current !== null) {
      current += pattern[++i] ?? '';
    } else if (c === '(' && current === null) {
      current = '';
    } else if (c === ')' && current !== null) {
      names.push(current);
      current = null;
    } else if (c === '|' && current === null) {
      continue;
    } else if (current !== null) {
      current += c;
    } else {
      // Not the shape Stryker writes: no names to trust.
      return null;
    }
  }
  return current === null ? names : null;
}

/**
 * The test files (paths relative to the root) to run for these names, or null for all of them.
 * `index` is jest's collectTests JSON: `{ testResults: [{ name: <abs path>, assertionResults: [{ fullName }] }] }`.
 */
function filesFor(pattern, index, indexRoot) {
  if (!pattern || !index) return null;
  const names = namesInPattern(pattern);
  if (!names || names.length === 0) return null;
  const filesByName = new Map();
  for (const file of index.testResults) {
    const rel = path.relative(indexRoot, file.name);
    for (const a of file.assertionResults) filesByName.set(a.fullName, [...(filesByName.get(a.fullName) ?? []), rel]);
  }
  const files = new Set();
  for (const name of names) {
    const holders = filesByName.get(name);
    if (!holders) return null;
    for (const f of holders) files.add(f);
  }
  return files;
}

class CoveringSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
    this.rootDir = options.globalConfig.rootDir;
  }

  async sort(tests) {
    const sorted = await super.sort(tests);
    const { MUTATION_TEST_INDEX: indexPath, MUTATION_PROJECT_ROOT: indexRoot } = process.env;
    if (!this.pattern || !indexPath || !indexRoot || !existsSync(indexPath)) return sorted;
    const keep = filesFor(this.pattern, JSON.parse(readFileSync(indexPath, 'utf8')), indexRoot);
    const kept = keep ? sorted.filter((t) => keep.has(path.relative(this.rootDir, t.path))) : [];
    // Nothing left would pass as "no test failed": run them all rather than report a false survivor.
    return kept.length > 0 ? kept : sorted;
  }
}

module.exports = CoveringSequencer;
module.exports.namesInPattern = namesInPattern;
module.exports.filesFor = filesFor;
