/**
 * The registry of what the configuration needs of each kind (schema, hosts, site), beside the full one
 * (`./index.ts`) that adds the parsers. The config is read by every handler, the parsers run in the
 * checker alone: this keeps HTML, XML and CSV parsers out of the API's and the sender's bundles (issue 17).
 * Adding a kind means a line here and a line in `./index.ts`, in the same order (a test compares them).
 */
import type { SourceConfigBase, SourceDeclaration } from '../core/source-kind';
import { contractsFinderDeclaration } from './contracts-finder/declaration';
import { findATenderDeclaration } from './find-a-tender/declaration';
import { govukContentDeclaration } from './govuk-content/declaration';
import { govukSearchDeclaration } from './govuk-search/declaration';
import { htmlListDeclaration } from './html-list/declaration';
import { legislationFeedDeclaration } from './legislation-feed/declaration';
import { parliamentBillDeclaration } from './parliament-bill/declaration';
import { parliamentQuestionsDeclaration } from './parliament-questions/declaration';
import { parliamentStatementsDeclaration } from './parliament-statements/declaration';
import { siteListDeclaration } from './site-list/declaration';

/** Typed through the common base, as in `./index.ts`: each schema only ever parses its own kind's entries. */
export const sourceDeclarations: Record<string, SourceDeclaration<SourceConfigBase>> = {
  [govukSearchDeclaration.kind]: govukSearchDeclaration,
  [govukContentDeclaration.kind]: govukContentDeclaration,
  [parliamentBillDeclaration.kind]: parliamentBillDeclaration,
  [htmlListDeclaration.kind]: htmlListDeclaration,
  [legislationFeedDeclaration.kind]: legislationFeedDeclaration,
  [findATenderDeclaration.kind]: findATenderDeclaration,
  [contractsFinderDeclaration.kind]: contractsFinderDeclaration,
  [parliamentQuestionsDeclaration.kind]: parliamentQuestionsDeclaration,
  [parliamentStatementsDeclaration.kind]: parliamentStatementsDeclaration,
  [siteListDeclaration.kind]: siteListDeclaration,
};
