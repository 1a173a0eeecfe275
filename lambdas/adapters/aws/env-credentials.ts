/**
 * What `@aws-sdk/credential-provider-node` is replaced with in the Lambda bundles (an esbuild alias in
 * BUNDLE_OPTIONS), never in the CLI. Every SDK client asks that package's `defaultProvider` for its
 * credentials; the chain it builds (environment, SSO, INI files and profiles, web identity, process,
 * container and instance metadata) brings the STS and SSO clients along: about 100 KB of a bundle and
 * its load time, for sources a function never uses. Lambda always puts the execution role's
 * credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, the first link of that
 * chain, so a function reads them there alone. The CLI keeps the whole chain (`--profile`, SSO).
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
