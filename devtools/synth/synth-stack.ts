/**
 * Builds the stack as `cdk synth` would (cdk.json's context, the repository's config file run
 * through the same validation), but without bundling: infra tests assert the template, and the
 * bundle test builds the handlers itself. In devtools/ because the benchmarks build it too, and
 * nothing here needs jest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { parseConfig } from '../../lambdas/config';
import { deploySettings, type DeploySettings } from '../../lib/deploy-settings';
import { ProcwatchStack } from '../../lib/procwatch-stack';

export const PROJECT_ROOT = join(__dirname, '..', '..');
const CONFIG_PATH = join(PROJECT_ROOT, 'procwatch.config.json');

export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;
}

/** What an operator fills in before a deploy: the shipped placeholders are refused at synth (deploy-settings.ts). */
export const DEPLOYABLE = {
  contact: 'watch@campaign.example.net',
  alerts: {
    from: 'procurement-watch <alerts@campaign.example.net>',
    to: ['team@campaign.example.net'],
    failureThreshold: 3,
  },
} as const;

/** The repository's config file as shipped (placeholders and all), with keys replaced for one test. */
export function shippedConfig(patch: Record<string, unknown> = {}) {
  const json = { ...JSON.parse(readFileSync(CONFIG_PATH, 'utf8')), ...patch };
  return parseConfig(json, CONFIG_PATH);
}

/** The repository's config file with its placeholders filled in, and a `deploy` section (or other keys) replaced. */
export function repoConfig(patch: Record<string, unknown> = {}) {
  return shippedConfig({ ...DEPLOYABLE, ...patch });
}

export interface Synthesised {
  app: App;
  stack: ProcwatchStack;
  template: Template;
  settings: DeploySettings;
}

export function synthStack(
  options: { patch?: Record<string, unknown>; context?: Record<string, unknown>; nag?: boolean } = {},
): Synthesised {
  const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...(options.context ?? {}) };
  const app = new App({ context });
  const settings = deploySettings(repoConfig(options.patch), {
    context,
    configPath: CONFIG_PATH,
    projectRoot: PROJECT_ROOT,
  });
  const stack = new ProcwatchStack(app, settings.stackName, {
    settings,
    env: { account: '123456789012', region: 'eu-west-2' },
  });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack, template: options.nag ? (undefined as never) : Template.fromStack(stack), settings };
}

/** The logical id CloudFormation knows a construct's main resource by. */
export function logicalIdOf(stack: ProcwatchStack, construct: IConstruct): string {
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
}
