/** The pure text core and the config parser under generated input: total functions, typed errors only. */
import fc from 'fast-check';
import { ConfigError } from '../../../lambdas/core/errors';
import { parseConfig } from '../../../lambdas/config';
import { htmlToText } from '../../../lambdas/core/text/html-to-text';
import { diffWords } from '../../../lambdas/core/text/word-diff';
import { parseLetter } from '../../../lambdas/core/text/letter';
import { matchKnown } from '../../../lambdas/core/text/known-matcher';
import { fixtureText } from '../../support/fixtures';
import { ReliabilityLog } from '../../integration/reliability/reliability-report';

const log = new ReliabilityLog('55-text-fuzz');
const RUNS = 100;
const letter = fixtureText('letters/2021-08-10-hikvision-to-bscc.official.txt');
const html = fc.oneof(
  fc.string({ maxLength: 500, unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<li>',
        '<table><tr><td>',
        '</td><td>',
        '<script>alert(1)</script>',
        '<br>',
        '&amp;',
        'word ',
        '<!--',
        ']]>',
        '<![CDATA[',
      ),
      { maxLength: 60 },
    )
    .map((a) => a.join('')),
);

afterAll(() => log.flush());

it('htmlToText returns text for any input', () => {
  fc.assert(
    fc.property(html, (h) => {
      const t = htmlToText(h);
      expect(typeof t).toBe('string');
    }),
    { numRuns: RUNS, seed: 1 },
  );
  log.record({
    area: 'parser',
    fault: 'htmlToText: random and tag-soup HTML',
    tried: RUNS,
    expected: 'a string, never an exception',
    observed: 'always a string',
    dataLost: 0,
    falseAlerts: 0,
  });
});

it('diffWords keeps both texts: equal+delete rebuild the old one, equal+insert the new one', () => {
  const words = fc
    .array(fc.constantFrom('the', 'letter', 'Hikvision', '19', 'January', '.', '\n', 'BSCC', 'camera'), {
      maxLength: 80,
    })
    .map((a) => a.join(' '));
  fc.assert(
    fc.property(
      fc.oneof(words, fc.string({ maxLength: 300 })),
      fc.oneof(words, fc.string({ maxLength: 300 })),
      (a, b) => {
        const ops = diffWords(a, b);
        expect(
          ops
            .filter((o) => o.op !== 'insert')
            .map((o) => o.text)
            .join(''),
        ).toBe(a);
        expect(
          ops
            .filter((o) => o.op !== 'delete')
            .map((o) => o.text)
            .join(''),
        ).toBe(b);
      },
    ),
    { numRuns: RUNS, seed: 2 },
  );
  log.record({
    area: 'parser',
    fault: 'diffWords: random text pairs',
    tried: RUNS,
    expected: 'both texts rebuilt exactly from the ops',
    observed: 'always rebuilt',
    dataLost: 0,
    falseAlerts: 0,
  });
});

it('parseLetter and matchKnown take any text (including a mutated real letter) and answer in range', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => letter.slice(i % letter.length, (i % letter.length) + (j % 3000))),
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 120 }), text, (title, body) => {
      const l = parseLetter(title, body);
      expect(Object.keys(l).sort()).toEqual(['date', 'from', 'threadId', 'to']);
      const m = matchKnown({ title, text: body }, [{ id: 'k', title: 'known', text: letter }] as never);
      expect(m.similarity).toBeGreaterThanOrEqual(0);
      expect(m.similarity).toBeLessThanOrEqual(1);
    }),
    { numRuns: RUNS / 2, seed: 3 },
  );
  log.record({
    area: 'parser',
    fault: 'parseLetter + matchKnown: random and cut-up real letters',
    tried: RUNS / 2,
    expected: 'a letter and a similarity in [0, 1]',
    observed: 'always in range',
    dataLost: 0,
    falseAlerts: 0,
  });
});

it('parseConfig returns a config or a ConfigError for anything', () => {
  let errors = 0;
  fc.assert(
    fc.property(
      fc.oneof(
        fc.anything({ maxDepth: 3 }),
        fc.record(
          {
            contact: fc.anything(),
            sources: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
            alerts: fc.anything({ maxDepth: 2 }),
          },
          { requiredKeys: [] },
        ),
      ),
      (json) => {
        try {
          parseConfig(json);
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as ConfigError).problems.length).toBeGreaterThan(0);
          errors++;
        }
      },
    ),
    { numRuns: RUNS, seed: 4 },
  );
  log.record({
    area: 'config',
    fault: 'parseConfig: arbitrary JSON values',
    tried: RUNS,
    expected: 'a Config or a ConfigError with one line per problem',
    observed: `${errors} ConfigError, 0 other exceptions`,
    dataLost: 0,
    falseAlerts: 0,
  });
});
