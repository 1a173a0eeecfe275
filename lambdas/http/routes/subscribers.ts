/**
 * `GET /subscribers`: who receives what, with who unsubscribed and whose address is suppressed
 * after a bounce or a complaint (and why). It names people, so it answers only a caller someone
 * vouched for (the stack's IAM or JWT authorizer, or loopback): never on a public mirror.
 */
import type { SubscriberStore } from '../../core/ports';
import { listedSubscribers, type Subscriber } from '../../core/subscribers';
import { errorResponse, json } from '../http-types';
import type { ExtraRoute } from '../router';

export interface SubscribersDeps {
  subscribers: { configured?: Subscriber[]; to: string[] };
  store: Pick<SubscriberStore, 'listSubscriberStates'>;
}

export function subscribersRoute(deps: SubscribersDeps): ExtraRoute {
  return {
    pattern: /^\/subscribers$/,
    methods: {
      GET: async (_api, req) => {
        if (!req.authenticated)
          return errorResponse(403, 'forbidden', 'The subscriber list is answered only to an authorised caller.');
        const { configured, to } = deps.subscribers;
        return json(200, { subscribers: listedSubscribers(configured, to, await deps.store.listSubscriberStates()) });
      },
    },
  };
}
