/**
 * Wires the query API for a runtime: the store's read side, the web page's folder, the subscriber
 * list (authorised callers only) and, when an unsubscribe secret is configured, the one-click
 * unsubscribe route on the subscriber store. Shared by the Lambda handler and `procwatch serve`,
 * so both answer the same routes.
 */
import { folderAssets } from '../adapters/http-server/web-assets';
import { unsubscribeSecretRef, DEFAULT_SECRET_ENV } from '../adapters/mail/mail-links';
import { resolveSecret, type SecretClients } from '../adapters/mail/secret-source';
import type { Runtime } from '../composition';
import type { Catalog } from '../core/catalog';
import type { Config, UnsubscribeConfig } from '../config';
import {
  CURSOR_PARAMETER_ENV,
  CURSOR_SECRET_ARN_ENV,
  CURSOR_SECRET_ENV,
  readApiSettings,
  type ApiSettings,
  type ApiSettingsOptions,
} from './api-settings';
import { createRouter } from './router';
import { subscribersRoute } from './routes/subscribers';
import { unsubscribeRoute } from './routes/unsubscribe';

export function queryApiRouter(
  rt: Pick<Runtime, 'store' | 'subscriberStore' | 'clock' | 'logger'> & {
    config: Pick<Config, 'subscribers' | 'alerts'>;
  },
  settings: ApiSettings,
  webDir: string | null,
  catalog?: Catalog,
): ReturnType<typeof createRouter> {
  const configured = rt.config.subscribers?.map(({ $comment: _c, ...s }) => ({
    ...s,
    frequency: s.frequency ?? 'immediate',
  }));
  const extra = [
    subscribersRoute({ subscribers: { configured, to: rt.config.alerts.to }, store: rt.subscriberStore }),
    ...(settings.unsubscribeSecret
      ? [unsubscribeRoute({ secret: settings.unsubscribeSecret, store: rt.subscriberStore, now: () => rt.clock.now() })]
      : []),
  ];
  return createRouter(
    { store: rt.store, settings, assets: webDir ? folderAssets(webDir) : null, logger: rt.logger, catalog },
    extra,
  );
}

export interface LoadApiSettingsOptions extends Omit<ApiSettingsOptions, 'unsubscribeSecretEnv'> {
  /** The config's `unsubscribe` section: the same key the sender signs with. */
  unsubscribe?: UnsubscribeConfig;
  clients?: SecretClients;
}

/**
 * The API settings with every secret resolved, once (a cold start, or `procwatch serve` starting):
 * a value in the environment wins (local runs, set by hand), else the secret whose ARN the stack
 * passes is read from Secrets Manager. `secrets` lists the values for the logger's redaction list.
 */
export async function loadApiSettings(
  env: NodeJS.ProcessEnv,
  options: LoadApiSettingsOptions = {},
): Promise<{ settings: ApiSettings; secrets: string[] }> {
  const { unsubscribe, clients, ...rest } = options;
  const cursorSecret = await resolveSecret(
    { secretEnv: CURSOR_SECRET_ENV, secretArnEnv: CURSOR_SECRET_ARN_ENV, parameterEnv: CURSOR_PARAMETER_ENV },
    env,
    'cursor secret',
    clients,
  );
  // The same order as the sender's: the config's own variable, the default one, the stack's ARN, the
  // config's secretId / parameter.
  const ownVariable = unsubscribe?.secretEnv ? env[unsubscribe.secretEnv] : undefined;
  const unsubscribeSecret =
    ownVariable ||
    (await resolveSecret(
      { ...unsubscribeSecretRef(unsubscribe), secretEnv: DEFAULT_SECRET_ENV },
      env,
      'unsubscribe secret',
      clients,
    ));
  const resolved = {
    ...env,
    [CURSOR_SECRET_ENV]: cursorSecret ?? undefined,
    [DEFAULT_SECRET_ENV]: unsubscribeSecret ?? undefined,
  };
  const settings = readApiSettings(resolved, { ...rest, unsubscribeSecretEnv: unsubscribe?.secretEnv });
  return {
    settings,
    secrets: [settings.cursorSecret, settings.unsubscribeSecret].filter((s): s is string => Boolean(s)),
  };
}
