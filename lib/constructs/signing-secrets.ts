/**
 * The two HMAC keys the handlers share: one signs the e-mails' one-click unsubscribe links (the
 * sender signs, the API verifies), one signs the query API's pagination cursors. Each is an SSM
 * Parameter Store SecureString (standard tier: free, where a Secrets Manager secret costs
 * $0.40/month): never in the repository, the template or a function's configuration.
 *
 * CloudFormation cannot create a SecureString, so the stack only names the parameter and grants it:
 * the first function that needs a key creates it with a random value (secret-source.ts, only if
 * absent, so every later reader gets the same key). The stack never deletes it, so links in e-mails
 * already sent keep working across a redeploy; docs/deploy.md's teardown says how to remove them.
 * The AWS-managed `aws/ssm` key encrypts them; its key policy lets this account use it through SSM.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class SigningKey {
  constructor(
    /** The parameter's name, `/procwatch/<stack>/<key>`: what the function's environment carries. */
    readonly parameterName: string,
    readonly parameterArn: string,
  ) {}

  /** Read the key, and create it if it does not exist yet: GetParameter and PutParameter on this one name. */
  grantReadOrCreate(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ssm:GetParameter', 'ssm:PutParameter'], resources: [this.parameterArn] }),
    );
  }
}

export class SigningSecrets extends Construct {
  readonly unsubscribe: SigningKey;
  readonly cursor: SigningKey;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = (name: string) => {
      const parameterName = `/procwatch/${stack.stackName}/${name}`;
      return new SigningKey(
        parameterName,
        stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: parameterName.slice(1) }),
      );
    };
    this.unsubscribe = key('unsubscribe-key');
    this.cursor = key('cursor-key');
  }
}
