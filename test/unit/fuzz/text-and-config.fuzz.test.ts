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
const UNIT_ALONE = 'stored items, alerts, emails: a pure function alone, nothing is stored or mailed';

/** Runs `check` on each generated input and counts the inputs it rejects, instead of stopping at the first. */
function countFailures<T extends unknown[]>(
  arbs: { [K in keyof T]: fc.Arbitrary<T[K]> },
  check: (...args: T) => boolean,
  options: { numRuns: number; seed: number },
): { runs: number; failures: number } {
  let runs = 0;
  let failures = 0;
  fc.assert(
    fc.property(...(arbs as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) => {
      runs++;
      let ok = false;
      try {
        ok = check(...(args as T));
      } catch {
        ok = false;
      }
      if (!ok) failures++;
    }),
    options,
  );
  return { runs, failures };
}

it('htmlToText returns text for any input', () => {
  const r = countFailures([html], (h) => typeof htmlToText(h) === 'string', { numRuns: RUNS, seed: 1 });
  log.record({
    area: 'parser',
    fault: 'htmlToText: random and tag-soup HTML',
    tried: r.runs,
    expected: 'a string, never an exception',
    observed: `${r.runs - r.failures} strings, ${r.failures} exceptions or other values`,
    measured: { offContract: r.failures },
    unmeasured: UNIT_ALONE,
  });
  expect(r.failures).toBe(0);
});

it('diffWords keeps both texts: equal+delete rebuild the old one, equal+insert the new one', () => {
  const words = fc
    .array(fc.constantFrom('the', 'letter', 'Hikvision', '19', 'January', '.', '\n', 'BSCC', 'camera'), {
      maxLength: 80,
    })
    .map((a) => a.join(' '));
  const text = fc.oneof(words, fc.string({ maxLength: 300 }));
  const r = countFailures(
    [text, text],
    (a, b) => {
      const ops = diffWords(a, b);
      const old = ops.filter((o) => o.op !== 'insert').map((o) => o.text);
      const next = ops.filter((o) => o.op !== 'delete').map((o) => o.text);
      return old.join('') === a && next.join('') === b;
    },
    { numRuns: RUNS, seed: 2 },
  );
  log.record({
    area: 'parser',
    fault: 'diffWords: random text pairs',
    tried: r.runs,
    expected: 'both texts rebuilt exactly from the ops',
    observed: `${r.runs - r.failures} pairs rebuilt, ${r.failures} not`,
    measured: { offContract: r.failures },
    unmeasured: UNIT_ALONE,
  });
  expect(r.failures).toBe(0);
});

it('parseLetter and matchKnown take any text (including a mutated real letter) and answer in range', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => letter.slice(i % letter.length, (i % letter.length) + (j % 3000))),
  );
  const r = countFailures(
    [fc.string({ maxLength: 120 }), text],
    (title, body) => {
      const l = parseLetter(title, body);
      const m = matchKnown({ title, text: body }, [{ id: 'k', title: 'known', text: letter }] as never);
      return Object.keys(l).sort().join() === 'date,from,threadId,to' && m.similarity >= 0 && m.similarity <= 1;
    },
    { numRuns: RUNS / 2, seed: 3 },
  );
  log.record({
    area: 'parser',
    fault: 'parseLetter + matchKnown: random and cut-up real letters',
    tried: r.runs,
    expected: 'a letter and a similarity in [0, 1]',
    observed: `${r.runs - r.failures} in range, ${r.failures} not`,
    measured: { offContract: r.failures },
    unmeasured: UNIT_ALONE,
  });
  expect(r.failures).toBe(0);
});

it('parseConfig returns a config or a ConfigError for anything', () => {
  let errors = 0;
  const r = countFailures(
    [
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
    ],
    (json) => {
      try {
        parseConfig(json);
        return true;
      } catch (err) {
        if (!(err instanceof ConfigError) || !err.problems.length) return false;
        errors++;
        return true;
      }
    },
    { numRuns: RUNS, seed: 4 },
  );
  log.record({
    area: 'config',
    fault: 'parseConfig: arbitrary JSON values',
    tried: r.runs,
    expected: 'a Config or a ConfigError with one line per problem',
    observed: `${r.runs - errors - r.failures} configs, ${errors} ConfigError, ${r.failures} other outcomes`,
    measured: { offContract: r.failures },
    unmeasured: UNIT_ALONE,
  });
  expect(r.failures).toBe(0);
});
