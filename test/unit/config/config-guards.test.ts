/** Configuration lines that would do harm later are refused when the file loads, one sentence each. */
import { parseConfig } from '../../../lambdas/config';
import { ConfigError } from '../../../lambdas/core/errors';

const GOOD = {
  contact: 'team@example.org',
  sources: [{ id: 'bscc', kind: 'govuk-search', organisations: ['bscc'], documentTypes: ['correspondence'] }],
  alerts: { from: 'a@example.org', to: ['b@example.org'] },
};

function problems(json: unknown): string[] {
  try {
    parseConfig(json);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('configuration guards', () => {
  it('a contact or User-Agent with a line break (a header injection) is refused', () => {
    expect(problems({ ...GOOD, contact: 'me@example.org\r\nX-Evil: 1' })).toEqual([
      'procwatch.config.json: contact: must be one line without control characters',
    ]);
    expect(problems({ ...GOOD, userAgent: 'ua\nX-Evil: 1' })).toEqual([
      'procwatch.config.json: userAgent: must be one line without control characters',
    ]);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://www.gov.uk',
    'https://user:pw@www.gov.uk',
    'ftp://x.example',
  ])('an endpoint %s is refused', (govuk) => {
    expect(problems({ ...GOOD, endpoints: { govuk } })).toEqual([
      expect.stringMatching(/^procwatch\.config\.json: endpoints\.govuk: (must be an https:\/\/ URL|Invalid URL)/),
    ]);
  });

  it('https endpoints, and http to this machine (a replay server), are accepted', () => {
    expect(
      problems({ ...GOOD, endpoints: { govuk: 'https://www.gov.uk', parliament: 'http://127.0.0.1:8080' } }),
    ).toEqual([]);
  });

  it('an invalid CSS selector is refused at load, naming the source, with the parser’s reason', () => {
    const list = {
      id: 'list',
      kind: 'html-list',
      path: '/government/publications/x',
      container: 'table[class',
      row: 'tbody tr',
      fields: { supplier: 'td:nth-child(x)', ground: '' },
      key: ['supplier'],
    };
    const found = problems({ ...GOOD, sources: [list] });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/sources\[0\] "list".*container: "table\[class" is not a CSS selector this tool can use/);
    expect(found[1]).toMatch(/fields\.supplier: "td:nth-child\(x\)" is not a CSS selector/);
  });
});
