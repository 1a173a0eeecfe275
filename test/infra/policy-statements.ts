/** What the infra tests assert of IAM policies: the statements of a role and the table's ARNs as policies name them. */
import type { Template } from 'aws-cdk-lib/assertions';
import { GLOBAL_INDEXES } from '../../lambdas/adapters/dynamodb/table-schema';

export const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** Every statement of every policy attached to a role; the role itself must carry no managed or inline policy. */
export function statementsOfRole(
  template: Template,
  roleLogicalId: string,
): { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown }[] {
  const role = template.toJSON().Resources[roleLogicalId];
  expect(role?.Type).toBe('AWS::IAM::Role');
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  expect(role.Properties.Policies).toBeUndefined();
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** The table's ARN and each index's ARN, as the function policies name them. */
export function tableResources(tableLogicalId: string): unknown[] {
  return [
    arnOf(tableLogicalId),
    ...GLOBAL_INDEXES.map((g) => ({ 'Fn::Join': ['', [arnOf(tableLogicalId), `/index/${g.indexName}`]] })),
  ];
}

/** The unconditioned read statement (GetItem, Query) on the table and its indexes. */
export function tableReadStatement(tableLogicalId: string) {
  return {
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:Query'],
    Resource: tableResources(tableLogicalId),
  };
}

/** A write statement on the table alone, limited to items whose partition key starts with one of `prefixes`. */
export function tableWriteStatement(tableLogicalId: string, action: string | string[], prefixes: string[]) {
  return {
    Effect: 'Allow',
    Action: action,
    Resource: arnOf(tableLogicalId),
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } },
  };
}
