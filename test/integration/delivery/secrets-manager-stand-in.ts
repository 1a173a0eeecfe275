/**
 * An HTTP-level fake of the Secrets Manager API, not the service (JSON 1.1 over HTTP, as the real SDK
 * client speaks it): GetSecretValue answers the secrets it was started with and
 * ResourceNotFoundException for any other id, and records every id asked for, so a test can count
 * reads per cold start. It checks no signature, policy or KMS key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerStandIn {
  url: string;
  /** `x-amz-target` of every request, in order. */
  targets: string[];
  /** The SecretId of every GetSecretValue request, in order. */
  requested: string[];
  close(): Promise<void>;
}

export async function startSecretsManagerStandIn(secrets: Record<string, string>): Promise<SecretsManagerStandIn> {
  const targets: string[] = [];
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String((JSON.parse(Buffer.concat(chunks).toString() || '{}') as { SecretId?: string }).SecretId);
      requested.push(id);
      const value = secrets[id];
      res.writeHead(value === undefined ? 400 : 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify(
          value === undefined
            ? { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }
            : {
                ARN: id,
                Name: id.split(':').pop(),
                SecretString: value,
                VersionId: 'v1',
                VersionStages: ['AWSCURRENT'],
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
