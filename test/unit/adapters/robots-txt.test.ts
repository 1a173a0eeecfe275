/** robots.txt rules (RFC 9309): the group for our product token, longest match, Allow on a tie. */
import { parseRobots, robotsAllow } from '../../../lambdas/adapters/http/robots-txt';

describe('robots.txt', () => {
  const text = [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /search',
    '',
    'User-agent: Procurement-Watch',
    'User-agent: otherbot',
    'Disallow: /news/drafts/',
    'Allow: /news/drafts/public$',
    'Disallow: /*.pdf$',
  ].join('\n');

  it('our own group replaces the * group', () => {
    const rules = parseRobots(text, 'procurement-watch');
    expect(robotsAllow(rules, '/admin/')).toBe(true);
    expect(robotsAllow(rules, '/news/drafts/x')).toBe(false);
    expect(robotsAllow(rules, '/news/drafts/public')).toBe(true);
    expect(robotsAllow(rules, '/letters/one.pdf')).toBe(false);
    expect(robotsAllow(rules, '/news')).toBe(true);
  });

  it('without our group, the * group applies; robots.txt itself is always allowed', () => {
    const rules = parseRobots(text, 'somebot');
    expect(robotsAllow(rules, '/search?q=x')).toBe(false);
    expect(robotsAllow(rules, '/news/drafts/x')).toBe(true);
    expect(robotsAllow(parseRobots('User-agent: *\nDisallow: /\n', 'x'), '/robots.txt')).toBe(true);
    expect(robotsAllow(parseRobots('', 'x'), '/anything')).toBe(true);
  });
});
