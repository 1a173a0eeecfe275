import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';

describe('HandlerFunction (every function: one checker per source group, and three more)', () => {
  const { stack, template } = synthStack({ patch: { deploy: { logRetentionDays: 90 } } });
  const resources = template.toJSON().Resources;
  const checkers = stack.checker.groups;
  const functions = [...checkers, stack.sender, stack.api, stack.feedback];

  it('one function per job, each with its own role and its own log group, kept for the configured retention', () => {
    expect(checkers.map((c) => c.group)).toEqual(['campaigns', 'govuk', 'legislation', 'parliament', 'procurement']);
    template.resourceCountIs('AWS::Lambda::Function', checkers.length + 3);
    const roles = new Set<string>();
    for (const part of functions) {
      const fn = resources[logicalIdOf(stack, part.fn)].Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      // Source maps are read on the first stack trace (lazy-source-map.ts), not parsed at every cold start.
      expect(fn.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(stack, part.logGroup) } });
      expect(resources[logicalIdOf(stack, part.logGroup)].Properties.RetentionInDays).toBe(90);
      roles.add(fn.Role['Fn::GetAtt'][0]);
    }
    expect(roles.size).toBe(checkers.length + 3);
  });

  it('grants no managed policy to any role (AWSLambdaBasicExecutionRole may write to every log group)', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role')))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('keeps the API access logs for the same retention', () => {
    expect(resources[logicalIdOf(stack, stack.api.node.findChild('AccessLogs'))].Properties.RetentionInDays).toBe(90);
  });
});
