import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { synthStack } from '../../devtools/synth/synth-stack';

const { stack, template } = synthStack();

describe('SigningSecrets', () => {
  it(
    'keeps both keys in SSM Parameter Store, not Secrets Manager ' +
      '($0.40 a month each): nothing secret in the template',
    () => {
      template.resourceCountIs('AWS::SecretsManager::Secret', 0);
      // CloudFormation cannot create a SecureString; a String parameter here would hold the key in plain text.
      template.resourceCountIs('AWS::SSM::Parameter', 0);
      expect(stack.secrets.unsubscribe.parameterName).toBe('/procwatch/ProcurementWatch/unsubscribe-key');
      expect(stack.secrets.cursor.parameterName).toBe('/procwatch/ProcurementWatch/cursor-key');
    },
  );

  it(
    'reaches only the functions that sign or verify with it, by name: no ' +
      'value and no dynamic reference in any environment',
    () => {
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      for (const f of functions)
        expect(JSON.stringify(f.Properties.Environment ?? {})).not.toMatch(
          /resolve:(secretsmanager|ssm)|"PROCWATCH_(CURSOR|UNSUBSCRIBE)_SECRET"/,
        );
      const uses = (name: string) =>
        functions
          .filter((f) =>
            Object.entries(f.Properties.Environment.Variables).some(([k, v]) => k.endsWith('_PARAMETER') && v === name),
          )
          .map((f) => f.Properties.Description as string)
          .sort();
      expect(uses(stack.secrets.unsubscribe.parameterName)).toEqual([
        'procurement-watch: change-log queries, Atom feed, web page and one-click unsubscribe',
        'procurement-watch: deliver pending alerts and due digests through SES, exactly once',
      ]);
      expect(uses(stack.secrets.cursor.parameterName)).toEqual([
        'procurement-watch: change-log queries, Atom feed, web page and one-click unsubscribe',
      ]);
    },
  );

  it('names each parameter after the stack, so two campaigns in one account keep their own keys', () => {
    const other = synthStack({ context: { stackName: 'SecondCampaign' } });
    expect(other.stack.secrets.unsubscribe.parameterName).toBe('/procwatch/SecondCampaign/unsubscribe-key');
  });
});
