#!/usr/bin/env node
/**
 * The CDK app: reads the same validated procwatch.config.json as the CLI (or `-c config=FILE`),
 * applies CDK context overrides, builds the stack and runs the cdk-nag AwsSolutions checks.
 */
import { resolve } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { loadConfigFile } from '../lambdas/adapters/fs/config-file';
import { describeFailure } from '../lambdas/core/errors';
import { deploySettings } from '../lib/deploy-settings';
import { ProcwatchStack } from '../lib/procwatch-stack';

const projectRoot = resolve(__dirname, '..');
const app = new App();
const configPath = resolve(projectRoot, String(app.node.tryGetContext('config') ?? 'procwatch.config.json'));
try {
  const settings = deploySettings(loadConfigFile(configPath), {
    context: app.node.getAllContext() as Record<string, unknown>,
    configPath,
    projectRoot,
  });
  new ProcwatchStack(app, settings.stackName, {
    settings,
    description: 'procurement-watch: scheduled monitor of GOV.UK, Parliament and legislation.gov.uk with e-mail alerts',
    env: {
      region: settings.region ?? process.env.CDK_DEFAULT_REGION,
      account: settings.account ?? process.env.CDK_DEFAULT_ACCOUNT,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
} catch (err) {
  process.stderr.write(`${describeFailure(err)}\n`);
  process.exit(2);
}
