/**
 * Wires the query API for a runtime: the store's read side, the web page's folder and, when an
 * unsubscribe secret is configured, the one-click unsubscribe route on the delivery store.
 * Shared by the Lambda handler and `procwatch serve`, so both answer the same routes.
 */
import { DynamoDeliveryStore } from '../adapters/dynamodb/delivery-store';
import { folderAssets } from '../adapters/http-server/web-assets';
import type { Runtime } from '../composition';
import type { ApiSettings } from './api-settings';
import { createRouter } from './router';
import { unsubscribeRoute } from './routes/unsubscribe';

export function queryApiRouter(rt: Pick<Runtime, 'store' | 'clock' | 'logger'>, settings: ApiSettings, webDir: string | null): ReturnType<typeof createRouter> {
  const extra = settings.unsubscribeSecret
    ? [unsubscribeRoute({ secret: settings.unsubscribeSecret, store: new DynamoDeliveryStore(rt.store), now: () => rt.clock.now() })]
    : [];
  return createRouter({ store: rt.store, settings, assets: webDir ? folderAssets(webDir) : null, logger: rt.logger }, extra);
}
