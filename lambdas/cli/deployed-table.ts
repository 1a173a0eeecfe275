/**
 * `--aws --table NAME --region R [--profile P]`: a command works on the deployed stack's table (its
 * `TableName` output) with the SDK's own credential chain, instead of the local DynamoDB. What
 * `subscribers` and `export` share, so an operator manages and saves the deployed data with the same
 * commands as the local store.
 */
import type { Command } from 'commander';
import type { Config } from '../config';
import { ProcwatchError } from '../core/errors';
import type { CliRuntimeOptions } from './cli-context';

export interface DeployedTableOptions {
  aws?: boolean;
  table?: string;
  region?: string;
  profile?: string;
}

export function addDeployedTableOptions(command: Command): Command {
  return command
    .option('--aws', "work on the deployed stack's DynamoDB table (ambient AWS credentials) instead of the local one")
    .option('--table <name>', 'with --aws: the table name (the stack output TableName)')
    .option('--region <region>', 'with --aws: the region the stack is deployed in')
    .option('--profile <profile>', 'with --aws: the AWS profile to use (else AWS_PROFILE or the default chain)');
}

/** The config and runtime options that reach the chosen table; the local store when `--aws` is absent. */
export function deployedTableTarget(
  config: Config,
  opts: DeployedTableOptions,
  env: NodeJS.ProcessEnv = process.env,
): { config: Config; runtime: CliRuntimeOptions } {
  if (!opts.aws) {
    if (opts.table || opts.region || opts.profile)
      throw new ProcwatchError('usage', '--table, --region and --profile only apply with --aws.');
    return { config, runtime: {} };
  }
  const region = opts.region ?? config.deploy?.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!opts.table || !region)
    throw new ProcwatchError(
      'usage',
      '--aws needs --table (the stack output TableName) and --region (or deploy.region in the config).',
    );
  // The SDK's default chain reads the profile from here when it builds the client's credentials.
  if (opts.profile) env.AWS_PROFILE = opts.profile;
  return { config: { ...config, store: { ...config.store, table: opts.table, region } }, runtime: { aws: true } };
}
