/**
 * Every deploy leaves its template and bundles in the bootstrap bucket, where removing someone from
 * the config erases nothing: so neither may hold a subscriber's address. People reach the deployed
 * sender through the table (`procwatch subscribers import --aws`); a webhook ships under a stand-in;
 * the operations address is an SSM parameter the template only names; sandbox recipients are
 * verified outside the stack.
 */
import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadResolvedConfigFile } from '../../lambdas/adapters/fs/resolved-config-file';
import { hasMailbox } from '../../lambdas/core/subscribers';
import { bundleCopyCommands, esbuildOptions } from '../../lib/constructs/handler-function';
import { PROJECT_ROOT, synthStack } from '../../devtools/synth/synth-stack';

const PEOPLE = ['team@campaign.example.net', 'reader@campaign.example.net', 'hooked@campaign.example.net'];
const patch = {
  alerts: { from: 'alerts@campaign.example.net', to: ['Team <team@campaign.example.net>'] },
  subscribers: [
    { email: 'Reader <reader@campaign.example.net>', keywords: ['hikvision'], frequency: 'daily' },
    {
      email: 'hooked@campaign.example.net',
      name: 'Hooked Person',
      webhooks: [{ id: 'desk', url: 'https://hooks.example.net/services/T0/B0', format: 'slack' }],
    },
  ],
  deploy: { verifyRecipients: true },
};
const { template, settings } = synthStack({ patch });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const out = mkdtempSync(join(tmpdir(), 'procwatch-no-people-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('names no address in the template but the From address, sandbox recipients and operations alike', () => {
  const text = JSON.stringify(template.toJSON()).toLowerCase();
  for (const address of PEOPLE) expect(text).not.toContain(address);
  expect(text).not.toContain('hooked person');
  expect([...new Set(text.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g))]).toEqual(['alerts@campaign.example.net']);
  // The operations subscription reads its address from SSM when CloudFormation deploys it.
  template.hasResourceProperties('AWS::SNS::Subscription', {
    Protocol: 'email',
    Endpoint: `{{resolve:ssm:${settings.opsEmailParameter}}}`,
  });
});

it('refuses an operations address in the config, which would land in the template', () => {
  expect(() => synthStack({ patch: { ...patch, deploy: { opsEmail: 'ops@campaign.example.net' } } })).toThrow(
    /deploy.opsEmail: the operations address stays out of the template/,
  );
});

it("ships a bundle folder (the sender's code and every file copied beside it) with no address in it", async () => {
  await build({
    entryPoints: [join(PROJECT_ROOT, 'lambdas', 'handlers', 'send-alerts.ts')],
    ...esbuildOptions(PROJECT_ROOT),
    outfile: join(out, 'index.js'),
    logLevel: 'silent',
  });
  const commands = bundleCopyCommands(
    {
      projectRoot: PROJECT_ROOT,
      deployedConfig: settings.deployedConfig,
      knownCorrespondence: 'data/known-correspondence',
    },
    out,
  );
  execFileSync('bash', ['-c', commands.join(' && ')], { cwd: PROJECT_ROOT });
  const files = filesUnder(out);
  expect(files.map((f) => f.slice(out.length + 1))).toEqual(
    expect.arrayContaining(['index.js', 'procwatch.resolved.json']),
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8').toLowerCase();
    for (const address of PEOPLE) expect({ file, found: text.includes(address) }).toEqual({ file, found: false });
  }

  // What the Lambdas load: no one to mail, the webhook with its rules under an address never mailed.
  const { config: deployed } = loadResolvedConfigFile(join(out, 'procwatch.resolved.json'));
  expect(deployed.alerts.to).toEqual([]);
  expect(JSON.stringify(deployed.raw)).not.toContain('ops@campaign.example.net');
  expect(deployed.mailer.kind).toBe('ses');
  expect(deployed.subscribers).toEqual([
    expect.objectContaining({
      email: 'desk@webhooks.invalid',
      frequency: 'immediate',
      webhooks: [expect.objectContaining({ id: 'desk', format: 'slack' })],
    }),
  ]);
  expect(hasMailbox(deployed.subscribers![0])).toBe(false);
});
