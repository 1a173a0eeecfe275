/**
 * The change log over HTTP: an API Gateway HTTP API (payload v2) in front of the query-api
 * function, which also serves the web page (copied beside its bundle from `web/`).
 *
 * Authorisation (docs/deploy.md, "Who can read the API"):
 * - `iam` (default): every route needs a SigV4-signed request from an IAM principal of this account
 *   allowed `execute-api:Invoke` — nothing is reachable by a stranger, nothing to issue or rotate.
 * - `jwt`: a JWT authorizer for a group that already has an identity provider (Cognito, Auth0…).
 * - `none`: an explicit opt-in public read-only mirror (the documents are public record).
 * In every mode `/unsubscribe` is open, because the signed token in the link *is* its authorisation
 * (RFC 8058: a mail client posts it without credentials). The stage is throttled to cap the bill.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiAuth } from '../deploy-settings';
import { TABLE_ACCESS, type ChangeTable } from './change-table';
import { HandlerFunction } from './handler-function';
import type { SigningKey } from './signing-secrets';
import { STACK_NAME_ENV } from '../../lambdas/adapters/log/emf-metrics';

export interface ChangeLogApiProps {
  readonly table: ChangeTable;
  readonly auth: ApiAuth;
  readonly jwtIssuer?: string;
  readonly jwtAudiences?: readonly string[];
  /** The web page's origin when it is served elsewhere; no CORS at all when absent (same origin). */
  readonly webOrigin?: string;
  /** Signs pagination cursors; the function gets the parameter's name and reads the value at cold start. */
  readonly cursorSecret: SigningKey;
  /** Verifies one-click unsubscribe tokens (the sender signs with it); name only, like the cursor key. */
  readonly unsubscribeSecret: SigningKey;
  readonly projectRoot: string;
  readonly deployedConfig: string;
  readonly knownCorrespondence: string;
  readonly logRetention: RetentionDays;
}

/** Requests per second across the API: plenty for a campaign group, a ceiling on a runaway bill. */
export const API_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;
/**
 * The open `/unsubscribe` routes' own, lower limit: a stranger hammering them is throttled there
 * and cannot use up the stage's allowance that the operator's own (authorised) requests draw on.
 * A person clicks one link; a mail client posts once.
 */
export const UNSUBSCRIBE_THROTTLE = { rateLimit: 1, burstLimit: 5 } as const;
export const UNSUBSCRIBE_ROUTE_KEYS = ['GET /unsubscribe', 'POST /unsubscribe'] as const;

/** HTTP API access log lines as JSON (one object per request), so Logs Insights can filter on fields. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
});

export class ChangeLogApi extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ChangeLogApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'procurement-watch change log: changes, documents, Atom feed, web page, unsubscribe',
      createDefaultStage: false,
      corsPreflight: props.webOrigin
        ? {
            allowOrigins: [props.webOrigin],
            allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
            allowHeaders: [
              'authorization',
              'content-type',
              'x-amz-date',
              'x-amz-security-token',
              'x-amz-content-sha256',
            ],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    // RouteSettings is untyped JSON in the L1: its keys are written as CloudFormation spells them.
    cfnStage.routeSettings = Object.fromEntries(
      UNSUBSCRIBE_ROUTE_KEYS.map((key) => [
        key,
        {
          ThrottlingRateLimit: UNSUBSCRIBE_THROTTLE.rateLimit,
          ThrottlingBurstLimit: UNSUBSCRIBE_THROTTLE.burstLimit,
        },
      ]),
    );
    this.url = this.api.apiEndpoint;

    const handler = new HandlerFunction(this, 'QueryApi', {
      handler: 'query-api',
      description: 'procurement-watch: change-log queries, Atom feed, web page and one-click unsubscribe',
      projectRoot: props.projectRoot,
      deployedConfig: props.deployedConfig,
      knownCorrespondence: props.knownCorrespondence,
      extraFolders: ['web'],
      environment: {
        PROCWATCH_TABLE: props.table.table.tableName,
        // The dimension of its Problems metric (5xx answers): the alarm watches this stack's alone.
        [STACK_NAME_ENV]: Stack.of(this).stackName,
        // Names, never values: anyone allowed lambda:GetFunctionConfiguration could read a value here.
        PROCWATCH_CURSOR_PARAMETER: props.cursorSecret.parameterName,
        PROCWATCH_UNSUBSCRIBE_PARAMETER: props.unsubscribeSecret.parameterName,
        // Absolute links in the feed and in JSON (the API resource does not depend on the function: no cycle).
        PROCWATCH_PUBLIC_URL: this.api.apiEndpoint,
      },
      // API Gateway gives up after 30 s; a query is a few DynamoDB reads.
      timeout: Duration.seconds(10),
      memorySize: 512,
      logRetention: props.logRetention,
    });
    Validations.of(handler.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'API Gateway invokes this function synchronously only: a dead-letter queue catches failed asynchronous ' +
        'events, of which it has none; a failure is an answer to the caller.',
    });
    this.fn = handler.fn;
    this.logGroup = handler.logGroup;
    props.table.grantAccess(this.fn, TABLE_ACCESS.api);
    props.cursorSecret.grantReadOrCreate(this.fn);
    props.unsubscribeSecret.grantReadOrCreate(this.fn);

    const integration = new HttpLambdaIntegration('QueryApi', this.fn);
    const authorizer = this.authorizer(props);
    const routes: HttpRoute[] = [
      ...this.api.addRoutes({ path: '/', methods: [HttpMethod.GET], integration, authorizer }),
      ...this.api.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.GET], integration, authorizer }),
    ];
    const unsubscribe = this.api.addRoutes({
      path: '/unsubscribe',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    for (const route of unsubscribe) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'One-click unsubscribe (RFC 8058) is posted by mail clients without credentials; the HMAC-signed token ' +
          'in the link is the authorisation.',
      });
    }
    if (props.auth === 'none') {
      for (const route of routes) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'The operator chose a public read-only mirror of public-record documents (deploy.api.auth = "none"); ' +
            'the stage is throttled.',
        });
      }
    }
  }

  private authorizer(props: ChangeLogApiProps): IHttpRouteAuthorizer {
    if (props.auth === 'jwt') {
      return new HttpJwtAuthorizer('Jwt', props.jwtIssuer!, { jwtAudience: [...(props.jwtAudiences ?? [])] });
    }
    return props.auth === 'none' ? new HttpNoneAuthorizer() : new HttpIamAuthorizer();
  }
}
