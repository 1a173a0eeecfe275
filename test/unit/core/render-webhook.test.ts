/** Webhook bodies (generic, Slack, Teams), their signature, and the config rules for webhooks. */
import { parseConfig } from '../../../lambdas/config';
import { ConfigError } from '../../../lambdas/core/errors';
import type { Alert, Change } from '../../../lambdas/core/model';
import { SLUG_NAMES } from '../../../lambdas/core/render-alert';
import { renderWebhook } from '../../../lambdas/core/render-webhook';
import { signWebhook, verifyWebhook } from '../../../lambdas/core/webhook-signature';

const change: Change = {
  changeId: 'c1',
  sourceId: 'find-a-tender',
  docId: 'd1',
  type: 'tender-published',
  detectedAt: '2026-03-02T09:00:00Z',
  runId: 'r1',
  title: 'CCTV upgrade <phase 2> & Hikvision cameras',
  url: 'https://www.find-tender.service.gov.uk/Notice/000123-2026',
  summary: 'A council seeks CCTV cameras; the specification names Hikvision.',
  version: 1,
  previousVersion: null,
  diff: null,
  changeNote: null,
  threadId: null,
  letter: null,
  knownMatch: null,
  keywords: [{ term: 'Hikvision', excerpt: 'names Hikvision' }],
};
const alert: Alert = {
  alertId: 'a1',
  changeId: 'c1',
  type: 'tender-published',
  sourceId: 'find-a-tender',
  createdAt: '2026-03-02T09:00:01Z',
  subject: 'Tender: CCTV upgrade <phase 2> & Hikvision cameras',
  priority: 'high',
};
const ctx = { names: SLUG_NAMES, pageUrl: (id: string) => `https://watch.example.org/changes/${id}` };
const item = { alert, change, highlight: ['Hikvision'] };

describe('webhook bodies', () => {
  it('generic: the alert, the change, the delivery id and the page', () => {
    const body = renderWebhook('generic', 'a1.abc', item, ctx) as Record<string, any>;
    expect(body).toMatchObject({
      deliveryId: 'a1.abc',
      event: 'alert',
      alert: { id: 'a1', type: 'tender-published', priority: 'high', source: { id: 'find-a-tender' } },
      change: { id: 'c1', url: change.url, page: 'https://watch.example.org/changes/c1' },
      matchedKeywords: ['Hikvision'],
    });
  });

  it('slack: an incoming webhook body, { text, blocks } with mrkdwn escaped and a button', () => {
    const body = renderWebhook('slack', 'x', item, ctx) as Record<string, any>;
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toBe(':rotating_light: Tender: CCTV upgrade &lt;phase 2&gt; &amp; Hikvision cameras');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(body.blocks[0].text).toEqual({ type: 'plain_text', text: alert.subject, emoji: false });
    expect(body.blocks[2].fields).toContainEqual({ type: 'mrkdwn', text: '*Keywords*\nHikvision' });
    expect(body.blocks[3].elements[0]).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Open' },
      url: change.url,
    });
    // Slack's limits: header text 150 characters, section text 3000.
    expect(body.blocks[0].text.text.length).toBeLessThanOrEqual(150);
    expect(body.blocks[1].text.text.length).toBeLessThanOrEqual(3000);
  });

  it('teams: a workflow message carrying one Adaptive Card 1.4 with facts and an OpenUrl action', () => {
    const body = renderWebhook('teams', 'x', item, ctx) as Record<string, any>;
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [att] = body.attachments;
    expect(att.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(att.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(att.content.body[0]).toMatchObject({ type: 'TextBlock', text: alert.subject, color: 'Attention' });
    expect(att.content.body[2].type).toBe('FactSet');
    expect(att.content.body[2].facts).toContainEqual({ title: 'Source', value: 'find-a-tender' });
    expect(att.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open', url: change.url }]);
  });
});

describe('webhook signature', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  it('verifies its own signature, refuses a changed body, timestamp, secret or an old request', () => {
    const sig = signWebhook('s3cret', '{"a":1}', at);
    expect(sig).toMatch(/^t=1772442000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', sig, '{"a":1}', at)).toEqual({ valid: true, timestamp: 1772442000 });
    expect(verifyWebhook('s3cret', sig, '{"a":2}', at).valid).toBe(false);
    expect(verifyWebhook('s3cret', sig.replace('t=1772442000', 't=1772442001'), '{"a":1}', at).valid).toBe(false);
    expect(verifyWebhook('other', sig, '{"a":1}', at).valid).toBe(false);
    expect(verifyWebhook('s3cret', sig, '{"a":1}', new Date(at.getTime() + 301_000)).valid).toBe(false);
    expect(verifyWebhook('s3cret', undefined, '{"a":1}', at).valid).toBe(false);
  });
});

describe('webhook configuration', () => {
  const base = {
    contact: 'team@example.org',
    sources: [{ id: 'bscc', kind: 'govuk-search', organisations: ['bscc'], documentTypes: ['correspondence'] }],
    alerts: { from: 'a@example.org', to: ['b@example.org'] },
  };
  const withHooks = (webhooks: unknown[]) => ({ ...base, subscribers: [{ email: 'c@example.org', webhooks }] });
  const problems = (json: unknown) => {
    try {
      parseConfig(json);
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };

  it('accepts https, loopback http, a secret by reference; defaults to generic', () => {
    const c = parseConfig(withHooks([{ id: 'a', url: 'https://hooks.example.org/x', secretEnv: 'HOOK_SECRET' }]));
    expect(c.subscribers![0].webhooks![0]).toMatchObject({ format: 'generic', secretEnv: 'HOOK_SECRET' });
    expect(problems(withHooks([{ id: 'b', url: 'http://127.0.0.1:8080/x', format: 'slack' }]))).toEqual([]);
  });

  it('refuses plain http elsewhere, an inline secret, an unsigned generic hook and a repeated id', () => {
    expect(problems(withHooks([{ id: 'a', url: 'http://hooks.example.org/x', format: 'slack' }]))).toEqual([
      expect.stringMatching(/webhooks\.0\.url: must be an https URL/),
    ]);
    expect(problems(withHooks([{ id: 'a', url: 'https://h.example.org', secret: 'inline' }]))).toEqual(
      expect.arrayContaining([expect.stringMatching(/unknown key\(s\) "secret"/)]),
    );
    expect(problems(withHooks([{ id: 'a', url: 'https://h.example.org' }]))).toEqual([
      expect.stringMatching(/a generic webhook is signed/),
    ]);
    const twice = { id: 'a', url: 'https://h.example.org', format: 'teams' };
    expect(problems(withHooks([twice, twice]))).toEqual([expect.stringMatching(/webhook id "a" is used twice/)]);
  });
});
