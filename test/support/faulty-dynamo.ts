/**
 * A real HTTP proxy in front of DynamoDB Local that answers some calls with DynamoDB's own
 * throttling or transaction-conflict errors instead of forwarding them: the SDK and the store see
 * exactly what AWS would send, and a refused call never reaches the table (nothing half-written).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThrottleRule {
  /** The DynamoDB operation, e.g. `TransactWriteItems`, `PutItem`, `Query`. */
  operation: string;
  /** How many of its calls to refuse, from the first. */
  times: number;
  error: 'throttled' | 'transaction-conflict';
}

export class FaultyDynamoProxy {
  private server: Server | null = null;
  readonly refused: Record<string, number> = {};
  private rules: ThrottleRule[] = [];

  constructor(private readonly target: string) {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  setRules(...rules: ThrottleRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  async start(): Promise<this> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const op =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const rule = this.rules.find((r) => r.operation === op && r.times > 0);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (rule) {
          rule.times--;
          this.refused[op] = (this.refused[op] ?? 0) + 1;
          const body =
            rule.error === 'throttled'
              ? {
                  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
                  message: 'The level of configured provisioned throughput for the table was exceeded.',
                }
              : {
                  __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
                  message:
                    'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
                  CancellationReasons: [
                    { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
                  ],
                };
          res
            .writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'faulty-proxy' })
            .end(JSON.stringify(body));
          return;
        }
        const upstream = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 500, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
