/**
 * What the query API needs besides the store, read once from the environment the handler or the
 * CLI passes in (never `process.env` here): the cursor-signing secret and the public base URL.
 * Secrets named by ARN (as the stack passes them) are resolved first by `loadApiSettings`
 * (query-api-composition), which hands their values in here.
 */
import { ConfigError } from '../core/errors';

export interface ApiSettings {
  /** HMAC key for pagination cursors; every instance behind one URL must share it. */
  cursorSecret: string;
  /** Absolute URL the API is reached at (feed links); derived from the Host header when absent. */
  baseUrl: string | null;
  /** Secret of the e-mail unsubscribe tokens; the unsubscribe route is off without it. */
  unsubscribeSecret: string | null;
}

export const CURSOR_SECRET_ENV = 'PROCWATCH_CURSOR_SECRET';
/** A Secrets Manager ARN holding the cursor key (set by hand; the stack uses the parameter below). */
export const CURSOR_SECRET_ARN_ENV = 'PROCWATCH_CURSOR_SECRET_ARN';
/** Set by the stack: the name of the SSM SecureString holding the cursor key, read at cold start. */
export const CURSOR_PARAMETER_ENV = 'PROCWATCH_CURSOR_PARAMETER';

/**
 * In AWS a missing secret is a configuration error (instances must agree on it); local runs pass a
 * fallback kept beside the local store (adapters/http-server/local-cursor-secret).
 */
export interface ApiSettingsOptions {
  /** Local runs: where the cursor secret comes from when the environment has none. */
  fallbackSecret?: () => string;
  /** The variable the configuration names for the unsubscribe secret (`unsubscribe.secretEnv`). */
  unsubscribeSecretEnv?: string;
  /** Local runs: the delivery feature's dev-only secret, so demo e-mails' links work on `serve`. */
  fallbackUnsubscribeSecret?: string;
}

export function readApiSettings(
  env: Record<string, string | undefined>,
  options: ApiSettingsOptions = {},
): ApiSettings {
  let cursorSecret = env[CURSOR_SECRET_ENV] ?? '';
  if (!cursorSecret) {
    if (!options.fallbackSecret)
      throw new ConfigError([
        `Neither ${CURSOR_SECRET_ENV} nor ${CURSOR_SECRET_ARN_ENV} is set: the query API signs its cursors with it.`,
      ]);
    cursorSecret = options.fallbackSecret();
  } else if (cursorSecret.length < 16) {
    throw new ConfigError([`${CURSOR_SECRET_ENV} is too short: use at least 16 characters.`]);
  }
  const baseUrl = env.PROCWATCH_PUBLIC_URL ? env.PROCWATCH_PUBLIC_URL.replace(/\/+$/, '') : null;
  const unsubscribeSecret =
    (options.unsubscribeSecretEnv && env[options.unsubscribeSecretEnv]) ||
    env.PROCWATCH_UNSUBSCRIBE_SECRET ||
    options.fallbackUnsubscribeSecret ||
    null;
  return { cursorSecret, baseUrl, unsubscribeSecret };
}
