/**
 * The one explicit registry of source kinds: adding a kind means a line here and one in ./declarations.ts,
 * its folder named as the kind and exporting it under the kind's camel-case name (`html-list` → `htmlList`),
 * which is how a schedule group's generated checker entry imports it (lib/constructs/checker-entries.ts).
 */
import type { SourceConfigBase, SourceKind } from '../core/source-kind';
import { govukContent } from './govuk-content';
import { govukSearch } from './govuk-search';
import { htmlList } from './html-list';
import { legislationFeed } from './legislation-feed';
import { parliamentBill } from './parliament-bill';
import { contractsFinder } from './contracts-finder';
import { findATender } from './find-a-tender';
import { parliamentQuestions } from './parliament-questions';
import { parliamentStatements } from './parliament-statements';
import { siteList } from './site-list';

/**
 * Each kind is typed by its own config; the registry sees them through the common base. The core only
 * hands a kind the config its own schema parsed, so the base view never meets another kind's config.
 */
export const sourceKinds: Record<string, SourceKind<SourceConfigBase>> = {
  [govukSearch.kind]: govukSearch,
  [govukContent.kind]: govukContent,
  [parliamentBill.kind]: parliamentBill,
  [htmlList.kind]: htmlList,
  [legislationFeed.kind]: legislationFeed,
  [findATender.kind]: findATender,
  [contractsFinder.kind]: contractsFinder,
  [parliamentQuestions.kind]: parliamentQuestions,
  [parliamentStatements.kind]: parliamentStatements,
  [siteList.kind]: siteList,
};
