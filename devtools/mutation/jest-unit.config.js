/**
 * The unit project alone, as a config of its own: Stryker's jest runner merges its `config` option into
 * jest.config.js, whose `projects` would bring the integration project (and DynamoDB Local) back.
 */
const path = require('node:path');

const unit = require('../../jest.config.js').projects.find((p) => p.displayName === 'unit');
module.exports = { ...unit, rootDir: path.join(__dirname, '..', '..') };
