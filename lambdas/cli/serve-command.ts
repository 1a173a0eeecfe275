/**
 * `procwatch serve`: the query API, the Atom feed and the web page on 127.0.0.1, over the local store
 * `procwatch run` writes.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SERVE_PORT, LoopbackHttpServer } from '../adapters/http-server/node-http-server';
import { JsonLogger } from '../adapters/log/json-logger';
import { localSecret } from '../adapters/fs/local-secret';
import { loadApiSettings, queryApiRouter } from '../http/query-api-composition';
import { localUnsubscribeSecretFile } from '../adapters/mail/mail-setup';
import {
  action,
  EXIT,
  localCursorSecret,
  projectRoot,
  readConfig,
  withRuntime,
  type GlobalOptions,
} from './cli-context';
import { print, printError } from './terminal';
import { catalogOf } from '../config-catalog';
import { demoStoreConfig } from './demo-command';

interface ServeOptions {
  port?: string;
  demo?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the change log (JSON API, Atom feed, web page) on http://127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 picks a free one)', String(DEFAULT_SERVE_PORT))
    .option('--demo', 'serve the store the last procwatch demo recorded instead of the real one')
    .action(
      action(async (opts: ServeOptions) => {
        const read = readConfig(program.opts<GlobalOptions>());
        const config = opts.demo ? demoStoreConfig(read) : read;
        const port = Number(opts.port ?? DEFAULT_SERVE_PORT);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          printError('procwatch: --port takes a number from 0 to 65535.\n');
          return EXIT.usage;
        }
        const { settings } = await loadApiSettings(process.env, {
          fallbackSecret: () => localCursorSecret(config),
          unsubscribe: config.unsubscribe,
          fallbackUnsubscribeSecret: localSecret(localUnsubscribeSecretFile(config)),
        });
        // The persistent store under .procwatch/dynamodb: what `procwatch run` recorded. Shared: a
        // `procwatch run` while this serves uses the same DynamoDB Local; Ctrl-C is handled below.
        // Errors are logged to stderr as JSON lines: the 500 a browser sees says so, so it must be true.
        const logger = new JsonLogger();
        await withRuntime(config, { logger, local: { shared: true, stopOnSignals: false } }, async (rt) => {
          const router = queryApiRouter(rt, settings, join(projectRoot(), 'web'), catalogOf(config));
          const server = new LoopbackHttpServer(router);
          const url = await server.start(port);
          print(
            `procwatch: serving the change log at ${url}/ ` +
              `(API: ${url}/changes, feed: ${url}/feed.atom); Ctrl-C stops.\n`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.stop();
        });
        return EXIT.ok;
      }),
    );
}
