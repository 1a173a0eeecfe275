#!/usr/bin/env node
/** The `procwatch` command line: parse, load config, wire, call one use-case. Nothing else. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../lambdas/config';
import { registerChanges } from '../lambdas/cli/changes-command';
import { registerDemo } from '../lambdas/cli/demo-command';
import { registerMatch } from '../lambdas/cli/match-command';
import { registerRun } from '../lambdas/cli/run-command';
import { registerServe } from '../lambdas/cli/serve-command';
import { registerSources } from '../lambdas/cli/sources-command';
import { registerExport } from '../lambdas/cli/export-command';
import { registerSend } from '../lambdas/cli/send-command';
import { registerResend } from '../lambdas/cli/resend-command';
import { registerSubscribers } from '../lambdas/cli/subscribers-command';
import { registerPreview } from '../lambdas/cli/preview-command';
import { registerDoctor } from '../lambdas/cli/doctor-command';
import { registerLocal } from '../lambdas/cli/local-command';
import { EXIT } from '../lambdas/cli/cli-context';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const program = new Command('procwatch')
  .description(
    'Watch GOV.UK, Parliament and legislation.gov.uk for surveillance-camera correspondence ' +
      'and procurement law changes.',
  )
  .version(VERSION)
  .option('-c, --config <file>', 'configuration file (default ./procwatch.config.json)')
  .showHelpAfterError()
  .exitOverride();

registerRun(program);
registerChanges(program);
registerExport(program);
registerServe(program);
registerSources(program);
registerMatch(program);
registerDemo(program);
registerSend(program);
registerResend(program);
registerSubscribers(program);
registerPreview(program);
registerDoctor(program);
registerLocal(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  process.stderr.write(`procwatch: ${(err as Error).message}\n`);
  process.exitCode = EXIT.failure;
});
