/**
 * `GET /unsubscribe?token=` shows a confirmation button; `POST /unsubscribe` (RFC 8058 one-click:
 * the mail client POSTs `List-Unsubscribe=One-Click` to the link) does it. GET never unsubscribes:
 * mail scanners fetch every link they see. Tokens are the delivery feature's (core/unsubscribe-token).
 */
import type { SubscriberStore } from '../../core/ports';
import { verifyUnsubscribeToken } from '../../core/unsubscribe-token';
import { escapeMarkup } from '../../core/text/escape-markup';
import { errorResponse, json, SECURITY_HEADERS, type HttpRequest, type HttpResponse } from '../http-types';
import type { ExtraRoute } from '../router';

export interface UnsubscribeDeps {
  secret: string;
  store: Pick<SubscriberStore, 'unsubscribe'>;
  now: () => Date;
}

function tokenOf(req: HttpRequest): string | null {
  const fromQuery = req.query.get('token');
  if (fromQuery) return fromQuery;
  // A form post (our confirmation page) carries it in the body.
  if (
    req.method.toUpperCase() === 'POST' &&
    /application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')
  ) {
    return new URLSearchParams(req.body).get('token');
  }
  return null;
}

function page(status: number, title: string, inner: string): HttpResponse {
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeMarkup(title)}</title><link rel="stylesheet" href="style.css"></head>` +
    `<body><main><h1>${escapeMarkup(title)}</h1>${inner}</main></body></html>`;
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'",
      ...SECURITY_HEADERS,
    },
    body,
  };
}

export function unsubscribeRoute(deps: UnsubscribeDeps): ExtraRoute {
  return {
    pattern: /^\/unsubscribe$/,
    methods: {
      GET: (_api, req) => {
        const token = req.query.get('token') ?? '';
        const verified = verifyUnsubscribeToken(token, deps.secret);
        if (!verified)
          return page(
            400,
            'This unsubscribe link is not valid',
            '<p>Copy the whole link from the e-mail, or reply to the e-mail to be taken off the list.</p>',
          );
        return page(
          200,
          'Stop these e-mails?',
          `<p>Stop sending procurement-watch alerts to <strong>${escapeMarkup(verified.email)}</strong>.</p>` +
            '<form method="post" action="unsubscribe">' +
            `<input type="hidden" name="token" value="${escapeMarkup(token)}">` +
            '<button type="submit">Unsubscribe</button></form>',
        );
      },
      POST: async (_api, req) => {
        const verified = verifyUnsubscribeToken(tokenOf(req) ?? '', deps.secret);
        if (!verified) return errorResponse(400, 'invalid-parameter', 'The unsubscribe token is not valid.', 'token');
        await deps.store.unsubscribe(verified.email, deps.now());
        if (/text\/html/.test(req.headers.accept ?? ''))
          return page(200, 'Unsubscribed', '<p>No more alerts will be sent to this address.</p>');
        return json(200, { unsubscribed: true });
      },
    },
  };
}
