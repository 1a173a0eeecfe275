/**
 * The config's secret references and the webhooks that use them: a secret is named (an environment
 * variable, a Secrets Manager secret, an SSM SecureString), never written in the file.
 */
import * as z from 'zod';

/** Secrets are named, never written here: an environment variable, a Secrets Manager secret or an SSM SecureString. */
export const secretRefSchema = {
  secretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .optional(),
  secretId: z.string().min(1).optional(),
  parameter: z.string().min(1).optional(),
};

/** A webhook's address: https, or plain http to a loopback address written as such (a local receiver). */
const webhookUrl = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname.toLowerCase());
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  }, 'must be an https URL (plain http only to 127.0.0.1, [::1] or localhost)');
/** Beside email: signed JSON, Slack or Teams. The signing secret is named (secretEnv / secretId / parameter). */
export const webhookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes'),
    url: webhookUrl,
    format: z.enum(['generic', 'slack', 'teams']).default('generic'),
    ...secretRefSchema,
  })
  .strict()
  .refine(
    (w) => w.format !== 'generic' || w.secretEnv || w.secretId || w.parameter,
    'a generic webhook is signed: name its secret with secretEnv, secretId or parameter',
  );

export type WebhookConfig = z.infer<typeof webhookSchema>;
