import { escapeMarkup } from '../../../../lambdas/core/text/escape-markup';

it('escapeMarkup drops characters XML cannot carry and escapes markup', () => {
  expect(escapeMarkup('a\u0000b\u001bc <x> & "q" \'s\' \ufffe')).toBe('abc &lt;x&gt; &amp; &quot;q&quot; &#39;s&#39; ');
});

it('keeps tabs, newlines and characters outside the basic plane', () => {
  expect(escapeMarkup('a\tb\nc\r\u{1F4F7}')).toBe('a\tb\nc\r\u{1F4F7}');
});
