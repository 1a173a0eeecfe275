/**
 * Contract: every Written Questions API response the tests and the demo serve has the shape of the
 * recorded ones (aws-samples/sample-parliamentary-question-responder's recorded search and question,
 * test/fixtures/parliament-questions/pq-responder_*): the same keys at every level, each value of
 * the recorded type or null. No machine-readable schema of this API was found in a public
 * repository, so the recordings are the contract.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES, fixtureJson } from '../../support/fixtures';
import { ROOT_DIR, replayRoutes } from '../../support/replay-files';

type Json = Record<string, unknown>;
const recordedQuestion = fixtureJson<Json>('parliament-questions/pq-responder_question-1679416.json').value as Json;
const recordedSearch = fixtureJson<{ results: Json[] }>('parliament-questions/pq-responder_questions-search.json');
const recordedItem = recordedSearch.results[0];

/** Keys a recording shows null in every item: any type is allowed there. */
function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function shapeProblems(item: Json, template: Json, at: string): string[] {
  const problems: string[] = [];
  const keys = [...new Set([...Object.keys(item), ...Object.keys(template)])];
  for (const k of keys) {
    if (!(k in template)) problems.push(`${at}.${k} is not in the recording`);
    else if (!(k in item)) problems.push(`${at}.${k} is missing`);
    else {
      const want = typeOf(template[k]);
      const got = typeOf(item[k]);
      if (got !== 'null' && want !== 'null' && got !== want) problems.push(`${at}.${k} is ${got}, recorded ${want}`);
    }
  }
  return problems;
}

const files = [
  ...readdirSync(join(FIXTURES, 'parliament-questions'))
    // A parser's golden file sits beside its fixture: it is our output, not a response to judge.
    .filter((f) => f.startsWith('composed_') && !f.endsWith('.expected.json'))
    .map((f) => join(FIXTURES, 'parliament-questions', f)),
  ...replayRoutes()
    .filter((r) => r.file && r.route.path.startsWith('/api/writtenquestions/questions'))
    .map((r) => r.file!),
].map((f) => relative(ROOT_DIR, f));

describe('Written Questions API contract (the recorded responses)', () => {
  it('finds the files it judges', () => expect(files.length).toBeGreaterThanOrEqual(7));

  it.each(files)('%s has the recorded shape', (file) => {
    const body = JSON.parse(readFileSync(join(ROOT_DIR, file), 'utf8')) as Json;
    const problems =
      'results' in body
        ? [
            ...shapeProblems(body, recordedSearch, '(root)'),
            ...(body.results as Json[]).flatMap((r, i) => [
              ...shapeProblems(r, recordedItem, `results[${i}]`),
              ...shapeProblems(r.value as Json, recordedItem.value as Json, `results[${i}].value`),
            ]),
          ]
        : [
            ...shapeProblems(body, { value: {}, links: [] }, '(root)'),
            ...shapeProblems(body.value as Json, recordedQuestion, 'value'),
          ];
    expect({ file, problems }).toEqual({ file, problems: [] });
  });

  it('a renamed key is caught: the check is not vacuous', () => {
    const { uin, ...rest } = recordedQuestion;
    expect(shapeProblems({ ...rest, UIN: uin }, recordedQuestion, 'value')).toEqual([
      'value.UIN is not in the recording',
      'value.uin is missing',
    ]);
  });
});
