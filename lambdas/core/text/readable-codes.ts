/**
 * Internal codes out of text people read: a source's summary may carry legislation.gov.uk's document
 * class (`UnitedKingdomStatutoryInstrument 2026/312`) or a field's programme name (`companyNumber:`)
 * where a person expects "S.I. 2026/312" and "Company number:". Stored summaries stay as recorded;
 * this is applied where they are shown.
 */

/** legislation.gov.uk's document classes → the citation people write (year/number follows). */
const LEGISLATION_CLASSES: Record<string, (year: string, num: string) => string> = {
  UnitedKingdomStatutoryInstrument: (y, n) => `S.I. ${y}/${n}`,
  ScottishStatutoryInstrument: (y, n) => `S.S.I. ${y}/${n}`,
  WelshStatutoryInstrument: (y, n) => `W.S.I. ${y}/${n}`,
  NorthernIrelandStatutoryRule: (y, n) => `S.R. ${y}/${n}`,
  UnitedKingdomPublicGeneralAct: (y, n) => `${y} c. ${n}`,
  UnitedKingdomLocalAct: (y, n) => `${y} c. ${n}`,
  AssetOfScottishParliament: (y, n) => `${y} asp ${n}`,
  ActOfSenedd: (y, n) => `${y} asc ${n}`,
  UnitedKingdomMinisterialOrder: (y, n) => `Ministerial Order ${y}/${n}`,
  UnitedKingdomStatutoryInstrumentDraft: (y, n) => `Draft S.I. ${y}/${n}`,
};

const CLASS_WITH_NUMBER = new RegExp(`\\b(${Object.keys(LEGISLATION_CLASSES).join('|')}) (\\d{4})/(\\d+)\\b`, 'g');
/** A bare class without year and number ("UnitedKingdomStatutoryInstrument"): its words, spaced. */
const BARE_CLASS = new RegExp(`\\b(${Object.keys(LEGISLATION_CLASSES).join('|')})\\b`, 'g');
/** `companyNumber:` or `endDate:` as a label: lower camel case followed by a colon. */
const CAMEL_LABEL = /\b([a-z]+(?:[A-Z][a-z0-9]*)+):/g;

function words(camel: string): string {
  const spaced = camel.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function readableCodes(text: string): string {
  return text
    .replace(CLASS_WITH_NUMBER, (_m, cls: string, year: string, num: string) => LEGISLATION_CLASSES[cls](year, num))
    .replace(BARE_CLASS, (cls: string) => words(cls).replace(/^United kingdom/, 'UK'))
    .replace(CAMEL_LABEL, (_m, label: string) => `${words(label)}:`);
}
