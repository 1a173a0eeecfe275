/**
 * The one registry of change types: every type the product raises, with the label people read. The
 * CLI, the API, the feed and the web page take their lists and labels from here; a type a source's
 * configuration names (an html-list's events) is added by the catalog, labelled from its own words.
 */
export interface ChangeTypeInfo {
  type: string;
  label: string;
  group: ChangeTypeGroup;
}

export type ChangeTypeGroup = 'correspondence' | 'documents' | 'procurement' | 'parliament' | 'sources';

/** The groups in the order the web page's type filter lists them, with the heading people read. */
export const CHANGE_TYPE_GROUPS: readonly { group: ChangeTypeGroup; label: string }[] = [
  { group: 'correspondence', label: 'Letters' },
  { group: 'documents', label: 'Documents' },
  { group: 'procurement', label: 'Procurement' },
  { group: 'parliament', label: 'Parliament' },
  { group: 'sources', label: 'Sources' },
];

export const CHANGE_TYPES: readonly ChangeTypeInfo[] = [
  { type: 'new-correspondence', label: 'New letter', group: 'correspondence' },
  { type: 'known', label: 'Known letter found', group: 'correspondence' },
  { type: 'new-document', label: 'New document', group: 'documents' },
  { type: 'document-changed', label: 'Document changed', group: 'documents' },
  { type: 'document-withdrawn', label: 'Document withdrawn', group: 'documents' },
  { type: 'document-restored', label: 'Document restored', group: 'documents' },
  { type: 'document-removed', label: 'Removed from a collection', group: 'documents' },
  { type: 'first-seen', label: 'First seen', group: 'documents' },
  { type: 'new-legislation', label: 'New legislation', group: 'procurement' },
  { type: 'legislation-changed', label: 'Legislation revised', group: 'procurement' },
  { type: 'row-added', label: 'Added to a list', group: 'procurement' },
  { type: 'row-removed', label: 'Removed from a list', group: 'procurement' },
  { type: 'row-changed', label: 'List entry changed', group: 'procurement' },
  // Find a Tender and Contracts Finder notices (lambdas/sources/ocds).
  { type: 'tender-published', label: 'Tender published', group: 'procurement' },
  { type: 'contract-awarded', label: 'Contract awarded', group: 'procurement' },
  { type: 'notice-changed', label: 'Notice changed', group: 'procurement' },
  { type: 'bill-stage-changed', label: 'Bill stage changed', group: 'parliament' },
  { type: 'new-bill-publication', label: 'New bill publication', group: 'parliament' },
  { type: 'amendment-tabled', label: 'Amendment tabled', group: 'parliament' },
  { type: 'amendment-decided', label: 'Amendment decided', group: 'parliament' },
  { type: 'amendment-changed', label: 'Amendment changed', group: 'parliament' },
  // Parliament's written questions (lambdas/sources/parliament-questions).
  { type: 'question-tabled', label: 'Written question tabled', group: 'parliament' },
  { type: 'question-answered', label: 'Written question answered', group: 'parliament' },
  { type: 'answer-corrected', label: 'Answer corrected', group: 'parliament' },
  // Parliament's written statements (lambdas/sources/parliament-statements).
  { type: 'statement-made', label: 'Written statement made', group: 'parliament' },
  { type: 'statement-corrected', label: 'Written statement corrected', group: 'parliament' },
  { type: 'source-failing', label: 'Source failing', group: 'sources' },
  { type: 'source-recovered', label: 'Source recovered', group: 'sources' },
  { type: 'baseline', label: 'Baseline recorded', group: 'sources' },
];

/** "supplier-debarred" → "Supplier debarred": a configured type's label from its own words. */
export function labelFromType(type: string): string {
  const words = type.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function changeTypeLabel(type: string, types: readonly ChangeTypeInfo[] = CHANGE_TYPES): string {
  return types.find((t) => t.type === type)?.label ?? labelFromType(type);
}
