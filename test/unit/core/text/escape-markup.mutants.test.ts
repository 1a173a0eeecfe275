/** Each edge of the characters XML 1.0 can carry, and each of the five escapes on its own. */
import { escapeMarkup } from '../../../../lambdas/core/text/escape-markup';

it.each([
  ['\u0008', ''],
  ['\u0009', '\u0009'],
  ['\u000a', '\u000a'],
  ['\u000b', ''],
  ['\u000c', ''],
  ['\u000d', '\u000d'],
  ['\u000e', ''],
  ['\u001f', ''],
  ['\u0020', '\u0020'],
  ['\u007f', '\u007f'],
  ['\ud7ff', '\ud7ff'],
  ['\ud800', ''],
  ['\udfff', ''],
  ['\ue000', '\ue000'],
  ['\ufffd', '\ufffd'],
  ['\ufffe', ''],
  ['\uffff', ''],
  ['\u{10000}', '\u{10000}'],
  ['\u{10ffff}', '\u{10ffff}'],
])('%j becomes %j', (ch, out) => {
  expect(escapeMarkup(`<${ch}>`)).toBe(`&lt;${out}&gt;`);
});

it.each([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
])('%s alone becomes %s, and every occurrence is escaped', (ch, entity) => {
  expect(escapeMarkup(`a${ch}b${ch}`)).toBe(`a${entity}b${entity}`);
});

it('removes every character XML cannot carry, not only the first', () => {
  expect(escapeMarkup('\u0001a\u0002b\u0003')).toBe('ab');
});
