/**
 * The configuration: one validated file (procwatch.config.json) shared by the CLI, the Lambda
 * handlers and the CDK app. Every problem is reported on its own line, with where it is.
 */
import * as z from 'zod';
import { ConfigError } from './core/errors';
import type { Endpoints, SourceConfigBase } from './core/source-kind';
import { defaultKeywords } from './core/text/keywords';
// Schemas and hosts only: every handler reads the config, only the checker parses pages (issue 17).
import { sourceDeclarations as sourceKinds } from './sources/declarations';
import { endpointsSchema, LIVE_ENDPOINTS } from './config-endpoints';
import { secretRefSchema, webhookSchema } from './config-secrets';

export { allSitesAt, LIVE_ENDPOINTS } from './config-endpoints';
export type { WebhookConfig } from './config-secrets';

const email = z.string().regex(/^(?:[^<>@\s]+\s*<)?[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>?$/, 'must be an e-mail address');

/** One line: it goes into HTTP headers (User-Agent), where a CR/LF would start a header of its own. */
const headerValue = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters');

/**
 * `deploy`: what only the CDK app reads (lambdas ignore it). Every key is optional; lib/deploy-settings.ts
 * fills defaults.
 */
const scheduleExpression = z
  .string()
  .regex(
    /^(rate|cron)\(.+\)$/,
    'must be an EventBridge Scheduler expression: rate(15 minutes) or cron(0/15 * * * ? *)',
  );
const deploySchema = z
  .object({
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-2')
      .optional(),
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/)
      .optional(),
    opsEmail: email.optional(),
    senderDomain: z
      .string()
      .regex(
        /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
        'must be a domain name such as example.org',
      )
      .optional(),
    /** The SES identity (senderDomain, else the alerts.from address) already exists: use it, create none. */
    existingSenderIdentity: z.boolean().optional(),
    verifyRecipients: z.boolean().optional(),
    schedules: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), scheduleExpression).optional(),
    sendSchedule: scheduleExpression.optional(),
    logRetentionDays: z
      .union([z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365)])
      .optional(),
    api: z
      .object({
        auth: z.enum(['iam', 'jwt', 'none']).optional(),
        jwtIssuer: z.string().url().optional(),
        jwtAudiences: z.array(z.string().min(1)).min(1).optional(),
        webOrigin: z
          .string()
          .regex(/^https:\/\/[^/\s]+$/, 'must be an https origin without a path, e.g. https://watch.example.org')
          .optional(),
      })
      .strict()
      .refine((a) => a.auth !== 'jwt' || (a.jwtIssuer && a.jwtAudiences), 'auth "jwt" needs jwtIssuer and jwtAudiences')
      .optional(),
  })
  .strict();

export type DeployConfig = z.infer<typeof deploySchema>;

/** Email: who gets what (subscribers), how unsubscribe links are signed, and which mailer sends. */
export const subscriberSchema = z
  .object({
    $comment: z.string().optional(),
    email,
    name: z.string().max(200).optional(),
    sources: z.array(z.string().min(1)).optional(),
    types: z.array(z.string().min(1)).optional(),
    keywords: z.array(z.string().min(2).max(80)).optional(),
    frequency: z.enum(['immediate', 'daily']).default('immediate'),
    digestHour: z.number().int().min(0).max(23).optional(),
    webhooks: z.array(webhookSchema).max(10).optional(),
  })
  .strict();

const unsubscribeSchema = z
  .object({ baseUrl: z.string().url(), mailto: z.string().optional(), ...secretRefSchema })
  .strict();

const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).optional(),
    secure: z.boolean().optional(),
    requireTLS: z.boolean().optional(),
    user: z.string().optional(),
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    ...secretRefSchema,
  })
  .strict();

const sesSchema = z
  .object({
    region: z.string().optional(),
    endpoint: z.string().url().optional(),
    configurationSet: z.string().optional(),
  })
  .strict();

export type SubscriberConfig = z.infer<typeof subscriberSchema>;
export type UnsubscribeConfig = z.infer<typeof unsubscribeSchema>;
export type SmtpConfig = z.infer<typeof smtpSchema>;
export type SesConfig = z.infer<typeof sesSchema>;

const configSchema = z
  .object({
    $comment: z.string().optional(),
    contact: headerValue(3, 200),
    userAgent: headerValue(3, 300).optional(),
    endpoints: endpointsSchema.optional(),
    sources: z.array(z.unknown()).min(1),
    keywords: z.array(z.string().min(2).max(80)).default(() => [...defaultKeywords]),
    knownCorrespondence: z.string().default('data/known-correspondence'),
    alerts: z
      .object({
        from: email,
        // May be empty: the deployed config carries no address (people live in the table).
        to: z.array(email).default([]),
        failureThreshold: z.number().int().min(1).max(100).default(3),
        shrinkRatio: z.number().min(0).max(1).default(0.5),
      })
      .strict(),
    store: z
      .object({
        table: z
          .string()
          .regex(/^[a-zA-Z0-9_.-]{3,255}$/)
          .default('procwatch'),
        region: z.string().optional(),
        endpoint: z.string().url().optional(),
        dataDir: z.string().default('.procwatch'),
      })
      .strict()
      // `prefault`, not `default`: an absent section is parsed as `{}`, so its own defaults fill it.
      .prefault({}),
    /** The CDK app's section (region, schedules, sender identity, API auth); absent for local use. */
    deploy: deploySchema.optional(),
    /** Recipients with rules (sources, types, keywords, frequency); `alerts.to` still means everyone, immediately. */
    subscribers: z.array(subscriberSchema).optional(),
    unsubscribe: unsubscribeSchema.optional(),
    mailer: z
      .object({
        kind: z.enum(['outbox', 'smtp', 'ses']),
        dir: z.string().default('.procwatch/outbox'),
        smtp: smtpSchema.optional(),
        ses: sesSchema.optional(),
      })
      .passthrough()
      .prefault({ kind: 'outbox' }),
  })
  // Unknown top-level keys are typos ("alert" for "alerts"): reported, never silently ignored.
  .strict();

/** The file as written, before defaults: what the deployed copy of it is made from (lib/deploy-settings.ts). */
export type ConfigFile = z.input<typeof configSchema>;

/**
 * The configuration every part reads: the file's sections with their defaults (the schema's output), the
 * sources each validated by its kind, every endpoint resolved, and the file itself as `raw`.
 */
export type Config = Omit<z.output<typeof configSchema>, '$comment' | 'sources' | 'endpoints' | 'userAgent'> & {
  userAgent: string;
  endpoints: Endpoints;
  /** The enabled sources. */
  sources: SourceConfigBase[];
  raw: ConfigFile;
};

export const VERSION = '0.1.0';

/** The sites the sources declare (a campaign's own website), keyed by host, unless the file overrides them. */
function siteEndpoints(sources: SourceConfigBase[]): Record<string, string> {
  const sites: Record<string, string> = {};
  for (const s of sources) {
    const origin = sourceKinds[s.kind].site?.(s);
    if (origin) sites[new URL(origin).host] = origin;
  }
  return sites;
}

/** Finds the line of the file where a source's entry starts, so messages can point at it. */
function lineOf(text: string | undefined, needle: string): string {
  if (!text) return '';
  const index = text.indexOf(needle);
  if (index < 0) return '';
  return ` (line ${text.slice(0, index).split('\n').length})`;
}

function issueLines(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.path.length ? `${prefix}${prefix ? '.' : ''}${i.path.join('.')}` : prefix || '(top level)';
    const detail =
      i.code === 'unrecognized_keys' ? `unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
    return `${path}: ${detail}`;
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file passed the schema, so it is the schema's input: said once here rather than cast by each reader. */
const isConfigFile = (_json: unknown, valid: boolean): _json is ConfigFile => valid;

/** Validates a parsed config file; `text` (the file's source) lets messages name line numbers. */
export function parseConfig(json: unknown, file = 'procwatch.config.json', text?: string): Config {
  const top = configSchema.safeParse(json);
  const problems: string[] = top.success ? [] : issueLines('', top.error).map((l) => `${file}: ${l}`);
  const sources: SourceConfigBase[] = [];
  const rawSources: unknown[] = isRecord(json) && Array.isArray(json.sources) ? json.sources : [];
  const ids = new Set<string>();
  rawSources.forEach((raw, i) => {
    const id = isRecord(raw) ? raw.id : undefined;
    const named = typeof id === 'string' ? ` "${id}"${lineOf(text, `"${id}"`)}` : '';
    const where = `${file}: sources[${i}]${named}`;
    const kindName = isRecord(raw) ? raw.kind : undefined;
    const kind = typeof kindName === 'string' ? sourceKinds[kindName] : undefined;
    if (!kind) {
      problems.push(`${where}: kind ${JSON.stringify(kindName)} is not one of ${Object.keys(sourceKinds).join(', ')}`);
      return;
    }
    const parsed = kind.schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...issueLines('', parsed.error).map((l) => `${where}: ${l}`));
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`${where}: the id "${parsed.data.id}" is used twice`);
    ids.add(parsed.data.id);
    sources.push(parsed.data);
  });
  const hookIds = (top.data?.subscribers ?? []).flatMap((sub) => (sub.webhooks ?? []).map((w) => w.id));
  for (const id of new Set(hookIds.filter((h, i) => hookIds.indexOf(h) !== i)))
    problems.push(`${file}: subscribers: the webhook id "${id}" is used twice`);
  if (problems.length || !top.success || !isConfigFile(json, top.success)) throw new ConfigError(problems);
  // The schema filled in every default; what is left is what the file cannot say alone.
  const { $comment: _comment, sources: _sources, endpoints: fileEndpoints, userAgent, ...sections } = top.data;
  return {
    ...sections,
    userAgent:
      userAgent ??
      `procurement-watch/${VERSION} (+https://github.com/procurement-watch/procurement-watch; ${sections.contact})`,
    endpoints: { ...LIVE_ENDPOINTS, ...siteEndpoints(sources), ...(fileEndpoints ?? {}) },
    sources: sources.filter((s) => s.enabled !== false),
    raw: json,
  };
}

/** Hosts every configured source may fetch from: the allowlist. */
export function allowedHosts(config: Config): string[] {
  const hosts = new Set<string>();
  for (const s of config.sources)
    for (const h of sourceKinds[s.kind].hosts(s, config.endpoints)) hosts.add(h.toLowerCase());
  return [...hosts];
}
