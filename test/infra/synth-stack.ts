/**
 * Builds the stack as `cdk synth` would (cdk.json's context, the repository's config file run
 * through the same validation), but without bundling: infra tests assert the template, and the
 * bundle test builds the handlers itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { GLOBAL_INDEXES } from '../../lambdas/adapters/dynamodb/table-schema';
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

export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** Every statement of every policy attached to a role; the role itself must carry no managed or inline policy. */
export function statementsOfRole(
  template: Template,
  roleLogicalId: string,
): { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown }[] {
  const role = template.toJSON().Resources[roleLogicalId];
  expect(role?.Type).toBe('AWS::IAM::Role');
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  expect(role.Properties.Policies).toBeUndefined();
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** The table's ARN and each index's ARN, as the function policies name them. */
export function tableResources(tableLogicalId: string): unknown[] {
  return [
    arnOf(tableLogicalId),
    ...GLOBAL_INDEXES.map((g) => ({ 'Fn::Join': ['', [arnOf(tableLogicalId), `/index/${g.indexName}`]] })),
  ];
}

/** The unconditioned read statement (GetItem, Query) on the table and its indexes. */
export function tableReadStatement(tableLogicalId: string) {
  return {
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:Query'],
    Resource: tableResources(tableLogicalId),
  };
}

/** A write statement on the table alone, limited to items whose partition key starts with one of `prefixes`. */
export function tableWriteStatement(tableLogicalId: string, action: string | string[], prefixes: string[]) {
  return {
    Effect: 'Allow',
    Action: action,
    Resource: arnOf(tableLogicalId),
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } },
  };
}
