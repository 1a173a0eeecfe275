/**
 * An alert as a webhook body, in the receiver's format: `generic` (our own JSON, documented in
 * docs/webhooks.md), `slack` (an incoming webhook's `{ text, blocks }`) or `teams` (a workflow
 * webhook's message carrying one Adaptive Card). Pure: the same alert always renders the same bytes.
 */
import type { Alert, Change } from './model';
import type { BlockContext } from './render-alert';
import type { WebhookFormat } from './subscribers';

export interface WebhookItem {
  alert: Alert;
  change: Change;
  /** The subscriber's matched keywords. */
  highlight: string[];
}

/** Slack's and Teams' text fields stay readable; the generic body carries the whole summary. */
const SHORT = 600;
const clip = (s: string, n = SHORT) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function facts(item: WebhookItem, ctx: BlockContext): { title: string; value: string }[] {
  const { alert, change } = item;
  return [
    { title: 'Source', value: ctx.names.source(alert.sourceId) },
    ...(change.threadId ? [{ title: 'Thread', value: ctx.names.thread(change.threadId) }] : []),
    { title: 'Detected', value: change.detectedAt },
    ...(item.highlight.length ? [{ title: 'Keywords', value: item.highlight.join(', ') }] : []),
  ];
}

export function genericBody(deliveryId: string, item: WebhookItem, ctx: BlockContext): Record<string, unknown> {
  const { alert, change } = item;
  return {
    deliveryId,
    event: 'alert',
    alert: {
      id: alert.alertId,
      type: alert.type,
      subject: alert.subject,
      priority: alert.priority,
      createdAt: alert.createdAt,
      source: { id: alert.sourceId, name: ctx.names.source(alert.sourceId) },
    },
    change: {
      id: change.changeId,
      type: change.type,
      title: change.title,
      url: change.url,
      summary: change.summary,
      detectedAt: change.detectedAt,
      threadId: change.threadId,
      keywords: change.keywords,
      page: ctx.pageUrl?.(change.changeId) ?? null,
    },
    matchedKeywords: item.highlight,
  };
}

/** Slack mrkdwn: `&`, `<` and `>` are the only characters it wants escaped. */
/** Slack decodes exactly these three in mrkdwn (any other entity would show as typed), so not escapeMarkup. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBody(item: WebhookItem, ctx: BlockContext): Record<string, unknown> {
  const { alert, change } = item;
  const link = change.url ?? ctx.pageUrl?.(change.changeId);
  const title = slackEscape(alert.subject);
  return {
    text: `${alert.priority === 'high' ? ':rotating_light: ' : ''}${title}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(alert.subject, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(clip(change.summary)) } },
      {
        type: 'section',
        fields: facts(item, ctx).map((f) => ({ type: 'mrkdwn', text: `*${f.title}*\n${slackEscape(f.value)}` })),
      },
      ...(link
        ? [
            {
              type: 'actions',
              elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: link }],
            },
          ]
        : []),
    ],
  };
}

export function teamsBody(item: WebhookItem, ctx: BlockContext): Record<string, unknown> {
  const { alert, change } = item;
  const link = change.url ?? ctx.pageUrl?.(change.changeId);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: alert.subject,
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              ...(alert.priority === 'high' ? { color: 'Attention' } : {}),
            },
            { type: 'TextBlock', text: clip(change.summary), wrap: true },
            { type: 'FactSet', facts: facts(item, ctx) },
          ],
          actions: link ? [{ type: 'Action.OpenUrl', title: 'Open', url: link }] : [],
        },
      },
    ],
  };
}

export function renderWebhook(
  format: WebhookFormat,
  deliveryId: string,
  item: WebhookItem,
  ctx: BlockContext,
): Record<string, unknown> {
  if (format === 'slack') return slackBody(item, ctx);
  if (format === 'teams') return teamsBody(item, ctx);
  return genericBody(deliveryId, item, ctx);
}
