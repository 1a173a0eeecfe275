/**
 * The unit project alone, as a config of its own: Stryker's jest runner merges its `config` option into
 * jest.config.js, whose `projects` would bring the integration project (and DynamoDB Local) back.
 */
const path = require('node:path');

const unit = require('../../jest.config.js').projects.find((p) => p.displayName === 'unit');
module.exports = {
  ...unit,
  rootDir: path.join(__dirname, '..', '..'),
  // The fuzz tests feed hundreds of random inputs through every parser to prove nothing throws: run once per
  // mutant they cost more than the rest of the suite, and they assert no output, so they kill little.
  testPathIgnorePatterns: ['/node_modules/', '/test/unit/fuzz/'],
  // Per mutant, only the related test files that hold a covering test (see the file).
  testSequencer: path.join(__dirname, 'covering-sequencer.js'),
};
