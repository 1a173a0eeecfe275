/**
 * What the stack is built from: the validated `procwatch.config.json` (its optional `deploy`
 * section) and CDK context, with every default filled in once, here, so constructs never guess.
 */
import { isAbsolute, resolve } from 'node:path';
import { kindsByGroup } from './constructs/checker-entries';
import { ConfigError } from '../lambdas/core/errors';
import { allowedHosts, parseConfig, type Config, type DeployConfig } from '../lambdas/config';
import { RESOLVED_CONFIG_FILE, resolvedConfigText } from '../lambdas/resolved-config';
import { DEFAULT_SCHEDULES, FALLBACK_SCHEDULE } from '../lambdas/schedules';
import { webhookOnlyAddress } from '../lambdas/core/subscribers';

export type ApiAuth = NonNullable<NonNullable<DeployConfig['api']>['auth']>;
const API_AUTHS: readonly ApiAuth[] = ['iam', 'jwt', 'none'];

export interface DeploySettings {
  readonly stackName: string;
  readonly region?: string;
  readonly account?: string;
  /** Absolute path of the config file the stack was built from. */
  readonly configPath: string;
  /**
   * What is written beside every bundle as procwatch.resolved.json: the file as it is, except that
   * alerts go out through SES (the identity and permission this stack creates) and no person is in it,
   * validated and resolved here so that no function builds the config's schemas at cold start.
   */
  readonly deployedConfig: string;
  /** Config `unsubscribe.baseUrl`: when set it wins over the API URL the stack passes to the sender. */
  readonly unsubscribeBaseUrl?: string;
  /** Project root: entry files, the lock file and `data/` are found from here. */
  readonly projectRoot: string;
  /** Relative to the project root and to the bundle alike (the handlers resolve it against their folder). */
  readonly knownCorrespondence: string;
  /**
   * The SSM parameter (a plain String the operator puts there) holding the operations address: the
   * template names the parameter and CloudFormation resolves it at deploy time, so no deploy leaves
   * the address in the bootstrap bucket.
   */
  readonly opsEmailParameter: string;
  /** The bare address alerts are sent from (`alerts.from` without its display name). */
  readonly senderAddress: string;
  /** When set, the SES identity is this domain (with DKIM); otherwise the single sender address. */
  readonly senderDomain?: string;
  /** The identity already exists in SES (another stack's, or made by hand): referenced, never created. */
  readonly existingSenderIdentity: boolean;
  /** What the webhooks' signing secrets are read from: the sender may read these and no other. */
  readonly webhookSecrets: { readonly parameters: readonly string[]; readonly secretIds: readonly string[] };
  /** SES configuration set named in `mailer.ses.configurationSet`: sending through it needs permission on it too. */
  readonly sesConfigurationSet?: string;
  /**
   * In the SES sandbox, SES also authorises a send against the recipient's identity: the sender may then
   * send to any verified identity of the account (still only from alerts.from). The identities are verified
   * outside the stack (docs/deploy.md, step 5), so no recipient's address is in the template.
   */
  readonly sandboxRecipients: boolean;
  /** Schedule group → EventBridge Scheduler expression, evaluated in Europe/London. */
  readonly checkSchedules: Readonly<Record<string, string>>;
  /** The sources' kinds and groups: each group's checker is built with its own kinds alone. */
  readonly checkSources: readonly { readonly kind: string; readonly group?: string }[];
  readonly sendSchedule: string;
  readonly logRetentionDays: number;
  readonly api: {
    readonly auth: ApiAuth;
    readonly jwtIssuer?: string;
    readonly jwtAudiences?: readonly string[];
    readonly webOrigin?: string;
  };
}

/** The default schedules live beside the lambdas (the sources dashboard reads them); re-exported for the stack. */
export { DEFAULT_SCHEDULES, FALLBACK_SCHEDULE } from '../lambdas/schedules';
export const DEFAULT_SEND_SCHEDULE = 'rate(5 minutes)';
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** Strips a display name: `procurement-watch <alerts@example.org>` → `alerts@example.org`. */
export function bareAddress(address: string): string {
  return (/<([^<>]+)>/.exec(address)?.[1] ?? address).trim();
}

/**
 * The config the Lambdas read: the user's file with `mailer` pointed at SES (keeping its `ses` options),
 * and no person in it. Each deploy leaves the bundle in the bootstrap bucket, so an address shipped there
 * could never be erased: people live in the table (`procwatch subscribers import --from-config --aws`).
 * A subscriber's webhooks stay, with their rules, under a stand-in address that is never mailed.
 */
function deployedConfigFile(config: Config): Record<string, unknown> {
  const { raw } = config;
  const mailer = { kind: 'ses', ...(raw.mailer?.ses ? { ses: raw.mailer.ses } : {}) };
  const subscribers = (config.subscribers ?? [])
    .filter((s) => s.webhooks?.length)
    .map(({ email: _e, name: _n, $comment: _c, ...rules }) => ({
      ...rules,
      email: webhookOnlyAddress(rules.webhooks![0].id),
    }));
  const { subscribers: _people, deploy, ...rest } = raw;
  // The operations address reaches the SNS subscription through the template; no function needs it.
  const { opsEmail: _ops, ...deployed } = deploy ?? {};
  return {
    ...rest,
    ...(deploy ? { deploy: deployed } : {}),
    alerts: { ...raw.alerts, to: [] },
    ...(subscribers.length ? { subscribers } : {}),
    mailer,
  };
}

/**
 * The file the functions read (lambdas/resolved-config.ts): the deployed config above, validated by the same
 * schema as the user's file, with its defaults, endpoints and the sources' hosts worked out once, here.
 */
export function resolvedDeployedConfig(config: Config): string {
  const deployed = parseConfig(deployedConfigFile(config), `the deployed config (${RESOLVED_CONFIG_FILE})`);
  return resolvedConfigText({ config: deployed, allowedHosts: allowedHosts(deployed) });
}

/**
 * The values procwatch.config.json ships with, and address domains that can never receive mail
 * (RFC 2606's `.invalid`, `.test`, `.example`): fine for `procwatch demo` on a laptop, refused for a deploy.
 */
const SHIPPED = {
  contact: 'set-your-contact@example.org',
  from: 'alerts@procwatch.invalid',
  to: 'campaign-team@example.org',
} as const;
const UNDELIVERABLE = /\.(invalid|test|example)$/i;

function isPlaceholder(address: string, shipped: string): boolean {
  const bare = bareAddress(address).toLowerCase();
  return bare === shipped || UNDELIVERABLE.test(bare.split('@').pop() ?? '');
}

/** One sentence per placeholder still in the config: a stack built from them would mail nobody. */
export function placeholderProblems(config: Config): string[] {
  const problems: string[] = [];
  if (isPlaceholder(config.contact, SHIPPED.contact))
    problems.push(
      `contact: "${config.contact}" is the shipped placeholder; ` +
        'put the address site owners can reach you at, since every request carries it.',
    );
  if (isPlaceholder(config.alerts.from, SHIPPED.from))
    problems.push(
      `alerts.from: "${config.alerts.from}" is a placeholder no one can verify in SES; ` +
        'use an address at a domain you control.',
    );
  const examples = config.alerts.to.filter((a) => isPlaceholder(a, SHIPPED.to));
  if (examples.length)
    problems.push(
      `alerts.to: ${examples.map((a) => `"${a}"`).join(', ')} is an example address; ` +
        'list the people who should get every alert.',
    );
  return problems;
}

export interface SettingsContext {
  /** CDK context values (`-c key=value`); each one overrides the file's `deploy` section. */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly configPath: string;
  readonly projectRoot: string;
}

export function deploySettings(
  config: Config,
  { context = {}, configPath, projectRoot }: SettingsContext,
): DeploySettings {
  const d = config.deploy ?? {};
  const ctx = (key: string): string | undefined =>
    typeof context[key] === 'string' && context[key] !== '' ? context[key] : undefined;
  const problems: string[] = placeholderProblems(config);
  if (isAbsolute(config.knownCorrespondence) || config.knownCorrespondence.split(/[\\/]/).includes('..')) {
    problems.push(
      `knownCorrespondence: must be a path inside the project ("${config.knownCorrespondence}" is not), ` +
        'so it can be copied beside the Lambda bundle.',
    );
  }
  const groups = [...kindsByGroup(config.sources).keys()];
  const configured = { ...DEFAULT_SCHEDULES, ...(d.schedules ?? {}) };
  const checkSchedules = Object.fromEntries(groups.map((g) => [g, configured[g] ?? FALLBACK_SCHEDULE]));
  const senderAddress = bareAddress(config.alerts.from);
  const senderDomain = ctx('senderDomain') ?? d.senderDomain;
  if (senderDomain && !senderAddress.toLowerCase().endsWith(`@${senderDomain.toLowerCase()}`)) {
    problems.push(
      `deploy.senderDomain: alerts.from (${senderAddress}) is not an address at ${senderDomain}; ` +
        'SES may only send from the verified identity.',
    );
  }
  if (d.existingSenderIdentity && d.verifyRecipients)
    problems.push(
      'deploy.existingSenderIdentity: an existing identity means an account out of the SES sandbox or set up by ' +
        'hand; verifyRecipients (a sandbox aid) is for neither. Drop one of the two.',
    );
  const hooks = (config.subscribers ?? []).flatMap((sub) => sub.webhooks ?? []);
  for (const h of hooks.filter((w) => w.secretEnv && !w.parameter && !w.secretId))
    problems.push(
      `subscribers: webhook "${h.id}" names its secret by secretEnv (${h.secretEnv}), which no deployed function ` +
        'has; name an SSM SecureString (parameter) or a Secrets Manager secret (secretId) instead.',
    );
  const stackName = ctx('stackName') ?? d.stackName ?? 'ProcurementWatch';
  const opsEmailParameter = `/procwatch/${stackName}/ops-email`;
  if (ctx('opsEmail') ?? d.opsEmail)
    problems.push(
      'deploy.opsEmail: the operations address stays out of the template (every deploy leaves a copy of it in the ' +
        `bootstrap bucket); store it in SSM instead: aws ssm put-parameter --name ${opsEmailParameter} ` +
        '--type String --value <address> (docs/deploy.md, step 3), and drop opsEmail from the config.',
    );
  const api = d.api ?? {};
  const auth = ctx('apiAuth') ?? api.auth ?? 'iam';
  // CDK context is any text (-c apiAuth=…): checked against the schema's own values.
  const apiAuth = API_AUTHS.find((a) => a === auth);
  if (!apiAuth) problems.push(`apiAuth: "${auth}" is not one of iam, jwt, none.`);
  if (auth === 'jwt' && !(api.jwtIssuer && api.jwtAudiences))
    problems.push('deploy.api: auth "jwt" needs jwtIssuer and jwtAudiences.');
  if (problems.length || !apiAuth) throw new ConfigError(problems);
  return {
    stackName,
    region: ctx('region') ?? d.region,
    account: ctx('account') ?? d.account,
    configPath: resolve(configPath),
    deployedConfig: resolvedDeployedConfig(config),
    unsubscribeBaseUrl: config.unsubscribe?.baseUrl,
    projectRoot: resolve(projectRoot),
    knownCorrespondence: config.knownCorrespondence,
    opsEmailParameter,
    senderAddress,
    senderDomain,
    existingSenderIdentity: d.existingSenderIdentity ?? false,
    webhookSecrets: {
      parameters: [...new Set(hooks.flatMap((h) => (h.parameter ? [h.parameter] : [])))],
      secretIds: [...new Set(hooks.flatMap((h) => (h.secretId ? [h.secretId] : [])))],
    },
    sesConfigurationSet: config.raw.mailer?.ses?.configurationSet,
    sandboxRecipients: d.verifyRecipients ?? false,
    checkSchedules,
    checkSources: config.sources.map((src) => ({ kind: src.kind, group: src.group })),
    sendSchedule: d.sendSchedule ?? DEFAULT_SEND_SCHEDULE,
    logRetentionDays: d.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    api: {
      auth: apiAuth,
      jwtIssuer: api.jwtIssuer,
      jwtAudiences: api.jwtAudiences,
      webOrigin: ctx('webOrigin') ?? api.webOrigin,
    },
  };
}
