/**
 * The AwsSolutions and Serverless packs over the whole app, as `cdk synth` runs it: any unacknowledged finding
 * fails synthesis (cdk-nag v3 reports through CDK's validation plugins).
 */
import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { synthStack } from '../../devtools/synth/synth-stack';

function violations(directory: string): unknown[] {
  const file = join(directory, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as { pluginReports: { violations?: unknown[] }[] };
  return report.pluginReports.flatMap((r) => r.violations ?? []);
}

describe('cdk-nag AwsSolutions and Serverless', () => {
  it.each([
    ['the repository config', {}],
    [
      'a sender domain, sandbox recipients, a JWT-authorised API with a separate page origin',
      {
        alerts: { from: 'alerts@watch.example.org', to: ['a@example.org'] },
        deploy: {
          senderDomain: 'watch.example.org',
          verifyRecipients: true,
          api: {
            auth: 'jwt',
            jwtIssuer: 'https://issuer.example.org',
            jwtAudiences: ['x'],
            webOrigin: 'https://watch.example.org',
          },
        },
      },
    ],
    ['a public read-only API', { deploy: { api: { auth: 'none' } } }],
  ])('finds nothing unacknowledged with %s', (_name, patch) => {
    const { app } = synthStack({ patch, nag: true });
    const assembly = app.synth();
    expect(violations(assembly.directory)).toEqual([]);
    expect(existsSync(join(assembly.directory, 'ProcurementWatch.template.json'))).toBe(true);
  });

  it('is really checking: a wildcard statement added to a function fails synthesis naming the rule', () => {
    const { app, stack } = synthStack({ nag: true });
    stack.api.fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    expect(() => app.synth()).toThrow(
      /AwsSolutions-IAM5\[Action::dynamodb:\*\][\s\S]*AwsSolutions-IAM5\[Resource::\*\]/,
    );
  });
});
