import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { logicalIdOf, synthStack } from './synth-stack';

const { stack, template } = synthStack();

describe('SigningSecrets', () => {
  it('generates both keys in Secrets Manager: 48 letters and digits, never a value in the template', () => {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(2);
    for (const s of secrets) {
      expect(s.Properties.GenerateSecretString).toEqual({ PasswordLength: 48, ExcludePunctuation: true });
      expect(s.Properties.SecretString).toBeUndefined();
    }
  });

  it('reaches only the functions that sign or verify with it, by ARN: no value and no dynamic reference in any environment', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    for (const f of functions)
      expect(JSON.stringify(f.Properties.Environment ?? {})).not.toMatch(
        /resolve:secretsmanager|"PROCWATCH_(CURSOR|UNSUBSCRIBE)_SECRET"/,
      );
    const uses = (secret: string) =>
      functions
        .filter((f) =>
          Object.entries(f.Properties.Environment.Variables).some(
            ([k, v]) => k.endsWith('_SECRET_ARN') && JSON.stringify(v) === JSON.stringify({ Ref: secret }),
          ),
        )
        .map((f) => f.Properties.Description as string)
        .sort();
    expect(uses(logicalIdOf(stack, stack.node.findChild('SigningSecrets').node.findChild('Unsubscribe')))).toEqual([
      'procurement-watch: change-log queries, Atom feed, web page and one-click unsubscribe',
      'procurement-watch: deliver pending alerts and due digests through SES, exactly once',
    ]);
    expect(uses(logicalIdOf(stack, stack.node.findChild('SigningSecrets').node.findChild('Cursor')))).toEqual([
      'procurement-watch: change-log queries, Atom feed, web page and one-click unsubscribe',
    ]);
  });
});
