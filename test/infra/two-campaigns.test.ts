/**
 * Two campaigns in one account: two configs with their own `deploy.stackName` make two stacks that
 * share no physical name (a second deploy never overwrites the first), and each alarm watches its
 * own stack's Problems.
 */
import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { synthStack } from '../../devtools/synth/synth-stack';

const first = synthStack({ patch: { deploy: { stackName: 'WatchHikvision' } } });
// The same From address: the second campaign uses the identity the first one made.
const second = synthStack({ patch: { deploy: { stackName: 'WatchDahua', existingSenderIdentity: true } } });

/** Properties that name a resource in the account and region, where two stacks giving the same one collide. */
const ACCOUNT_UNIQUE = [
  'TableName',
  'QueueName',
  'TopicName',
  'FunctionName',
  'RoleName',
  'LogGroupName',
  'AlarmName',
  'EmailIdentity',
  'ParameterName',
  'Name',
];
/** API names need not be unique; inline policy names are per role. */
const NOT_UNIQUE = new Set(['AWS::ApiGatewayV2::Api']);

/** Every literal physical name the template gives a resource, and every `/procwatch/…` SSM path it grants. */
function physicalNames(template: ReturnType<typeof synthStack>['template']): string[] {
  const names: string[] = [];
  const resources = Object.values(template.toJSON().Resources as Record<string, { Type: string; Properties?: object }>);
  for (const r of resources) {
    const props = (r.Properties ?? {}) as Record<string, unknown>;
    if (!NOT_UNIQUE.has(r.Type))
      for (const key of ACCOUNT_UNIQUE) if (typeof props[key] === 'string') names.push(`${r.Type} ${props[key]}`);
    names.push(...(JSON.stringify(props).match(/\/procwatch\/[^"]+/g) ?? []));
  }
  return names;
}

it('names each stack from its own config', () => {
  expect([first.stack.stackName, second.stack.stackName]).toEqual(['WatchHikvision', 'WatchDahua']);
});

it('shares no physical name between the two stacks', () => {
  const a = physicalNames(first.template);
  const b = new Set(physicalNames(second.template));
  // The signing keys' parameter paths are the names that would collide first; they carry the stack's name.
  expect(a).toContain('/procwatch/WatchHikvision/unsubscribe-key');
  expect(a).toContain('AWS::SES::EmailIdentity alerts@campaign.example.net');
  expect(b.has('/procwatch/WatchDahua/unsubscribe-key')).toBe(true);
  expect(a.filter((n) => b.has(n))).toEqual([]);
});

it("alarms on each stack's own Problems metric", () => {
  const dimension = (s: typeof first) =>
    Object.values(s.template.findResources('AWS::CloudWatch::Alarm'))
      .map((a) => a.Properties.Dimensions?.[0])
      .find((d) => d?.Name === 'Stack')?.Value;
  expect([dimension(first), dimension(second)]).toEqual(['WatchHikvision', 'WatchDahua']);
});
