/** API settings from the environment: AWS needs a real cursor secret; local runs fall back. */
import { ConfigError } from '../../../lambdas/core/errors';
import { readApiSettings } from '../../../lambdas/http/api-settings';

it('requires a cursor secret of 16+ characters when there is no local fallback', () => {
  expect(() => readApiSettings({})).toThrow(ConfigError);
  expect(() => readApiSettings({ PROCWATCH_CURSOR_SECRET: 'short' })).toThrow(/too short/);
  expect(readApiSettings({ PROCWATCH_CURSOR_SECRET: 'a-long-enough-secret' }).cursorSecret).toBe(
    'a-long-enough-secret',
  );
});

it('uses the local fallbacks only when the environment has nothing', () => {
  const local = readApiSettings(
    {},
    { fallbackSecret: () => 'fallback-secret-0123456789', fallbackUnsubscribeSecret: 'dev-only' },
  );
  expect(local).toEqual({ cursorSecret: 'fallback-secret-0123456789', baseUrl: null, unsubscribeSecret: 'dev-only' });
  const env = {
    PROCWATCH_CURSOR_SECRET: 'env-secret-0123456789',
    MY_UNSUB: 'from-config-env',
    PROCWATCH_PUBLIC_URL: 'https://watch.example.org/',
  };
  expect(
    readApiSettings(env, {
      fallbackSecret: () => 'x',
      unsubscribeSecretEnv: 'MY_UNSUB',
      fallbackUnsubscribeSecret: 'dev-only',
    }),
  ).toEqual({
    cursorSecret: 'env-secret-0123456789',
    baseUrl: 'https://watch.example.org',
    unsubscribeSecret: 'from-config-env',
  });
});
