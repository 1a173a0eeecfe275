import 'aws-cdk-lib/testhelpers/jest-autoclean';
import { Match } from 'aws-cdk-lib/assertions';
import { API_THROTTLE, UNSUBSCRIBE_THROTTLE } from '../../lib/constructs/change-log-api';
import { logicalIdOf, synthStack } from '../../devtools/synth/synth-stack';
import { arnOf, statementsOfRole, tableReadStatement, tableWriteStatement } from './policy-statements';

function routes(
  template: ReturnType<typeof synthStack>['template'],
): Record<string, { AuthorizationType: string; AuthorizerId?: unknown }> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey, r.Properties]),
  );
}

describe('ChangeLogApi, default (IAM) authorisation', () => {
  const { stack, template } = synthStack();

  it(
    'requires SigV4 (AWS_IAM) on every route except one-click unsubscribe, ' +
      'whose signed token is its authorisation',
    () => {
      const r = routes(template);
      expect(Object.keys(r).sort()).toEqual(['GET /', 'GET /unsubscribe', 'GET /{proxy+}', 'POST /unsubscribe']);
      expect(r['GET /'].AuthorizationType).toBe('AWS_IAM');
      expect(r['GET /{proxy+}'].AuthorizationType).toBe('AWS_IAM');
      expect(r['GET /unsubscribe'].AuthorizationType).toBe('NONE');
      expect(r['POST /unsubscribe'].AuthorizationType).toBe('NONE');
    },
  );

  it('has no CORS when the page is served by the API itself', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    expect(
      Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0].Properties.CorsConfiguration,
    ).toBeUndefined();
  });

  it('is throttled and access-logged on its one auto-deployed stage', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: arnOf(logicalIdOf(stack, stack.api.node.findChild('AccessLogs'))),
        Format: Match.stringLikeRegexp('^\\{"requestId":"\\$context.requestId"'),
      },
    });
  });

  it('throttles the open /unsubscribe routes on their own, far below the stage, so strangers cannot starve it', () => {
    const limits = {
      ThrottlingRateLimit: UNSUBSCRIBE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: UNSUBSCRIBE_THROTTLE.burstLimit,
    };
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: { 'GET /unsubscribe': limits, 'POST /unsubscribe': limits },
    });
    expect(UNSUBSCRIBE_THROTTLE.rateLimit * 5).toBeLessThanOrEqual(API_THROTTLE.rateLimit);
    // Each route key names a route that exists: a key API Gateway cannot match would throttle nothing.
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(routeKeys).toEqual(expect.arrayContaining(['GET /unsubscribe', 'POST /unsubscribe']));
  });

  it(
    'runs query-api on Node.js 22, arm64, with the table and the names ' + '(never the values) of both signing keys',
    () => {
      const fn = template.toJSON().Resources[logicalIdOf(stack, stack.api.fn)].Properties;
      expect([fn.Runtime, fn.Architectures, fn.Timeout]).toEqual(['nodejs22.x', ['arm64'], 10]);
      expect(fn.Environment.Variables).toEqual({
        PROCWATCH_TABLE: { Ref: logicalIdOf(stack, stack.table.table) },
        PROCWATCH_CURSOR_PARAMETER: '/procwatch/ProcurementWatch/cursor-key',
        PROCWATCH_UNSUBSCRIBE_PARAMETER: '/procwatch/ProcurementWatch/unsubscribe-key',
        PROCWATCH_PUBLIC_URL: { 'Fn::GetAtt': [logicalIdOf(stack, stack.api.api), 'ApiEndpoint'] },
        PROCWATCH_STACK: 'ProcurementWatch',
      });
      expect(JSON.stringify(fn.Environment)).not.toContain('{{resolve:secretsmanager');
    },
  );

  it(
    'may read and update the table (unsubscribe), read (or first create) the two signing keys and write its ' +
      'logs, nothing else',
    () => {
      expect(statementsOfRole(template, logicalIdOf(stack, stack.api.fn.role!))).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: arnOf(logicalIdOf(stack, stack.api.logGroup)),
        },
        tableReadStatement(logicalIdOf(stack, stack.table.table)),
        tableWriteStatement(logicalIdOf(stack, stack.table.table), 'dynamodb:UpdateItem', ['SUBSCRIBER#']),
        {
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:PutParameter'],
          Resource: [
            stack.resolve(stack.secrets.cursor.parameterArn),
            stack.resolve(stack.secrets.unsubscribe.parameterArn),
          ],
        },
      ]);
    },
  );

  it('lets only API Gateway invoke the function, from this API', () => {
    const apiFn = { 'Fn::GetAtt': [logicalIdOf(stack, stack.api.fn), 'Arn'] };
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'))
      .map((p) => p.Properties)
      // The SES feedback function's permission for its SNS topic is another function's (delivery-feedback.test.ts).
      .filter((p) => JSON.stringify(p.FunctionName) === JSON.stringify(apiFn));
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) {
      expect(p.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(p.SourceArn)).toContain(logicalIdOf(stack, stack.api.api));
    }
  });
});

describe('ChangeLogApi with a JWT authorizer and a separate web page origin', () => {
  const { template } = synthStack({
    patch: {
      deploy: {
        api: {
          auth: 'jwt',
          jwtIssuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc',
          jwtAudiences: ['client-1'],
          webOrigin: 'https://watch.example.org',
        },
      },
    },
  });

  it('checks JWTs from the configured issuer for the configured audience on the query routes', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc', Audience: ['client-1'] },
    });
    const r = routes(template);
    expect(r['GET /{proxy+}'].AuthorizationType).toBe('JWT');
    expect(r['GET /'].AuthorizationType).toBe('JWT');
    expect(r['POST /unsubscribe'].AuthorizationType).toBe('NONE');
  });

  it('allows CORS for the web page origin only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://watch.example.org'], AllowMethods: ['GET', 'POST', 'OPTIONS'] },
    });
  });
});

describe('ChangeLogApi as an explicit public mirror', () => {
  it('leaves the query routes open only when deploy.api.auth is "none"', () => {
    const r = routes(synthStack({ patch: { deploy: { api: { auth: 'none' } } } }).template);
    expect(Object.values(r).map((x) => x.AuthorizationType)).toEqual(['NONE', 'NONE', 'NONE', 'NONE']);
  });
});
