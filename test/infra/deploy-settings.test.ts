import { ConfigError } from '../../lambdas/core/errors';
import { DEFAULT_LOG_RETENTION_DAYS, DEFAULT_SCHEDULES, bareAddress, deploySettings } from '../../lib/deploy-settings';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT, repoConfig, shippedConfig } from '../../devtools/synth/synth-stack';

const where = { configPath: 'procwatch.config.json', projectRoot: PROJECT_ROOT };

describe('deploySettings', () => {
  it('fills every default from the repository config alone', () => {
    const s = deploySettings(repoConfig(), where);
    expect(s).toMatchObject({
      stackName: 'ProcurementWatch',
      region: undefined,
      opsEmailParameter: '/procwatch/ProcurementWatch/ops-email',
      senderAddress: 'alerts@campaign.example.net',
      senderDomain: undefined,
      sandboxRecipients: false,
      checkSchedules: { govuk: DEFAULT_SCHEDULES.govuk },
      sendSchedule: 'rate(5 minutes)',
      logRetentionDays: DEFAULT_LOG_RETENTION_DAYS,
      api: { auth: 'iam' },
      knownCorrespondence: 'data/known-correspondence',
    });
    expect(s.configPath).toBe(`${PROJECT_ROOT}/procwatch.config.json`);
  });

  it('reads the deploy section, and CDK context overrides it', () => {
    const config = repoConfig({
      deploy: { region: 'eu-west-2', stackName: 'Watch', logRetentionDays: 90 },
    });
    expect(deploySettings(config, where)).toMatchObject({
      region: 'eu-west-2',
      opsEmailParameter: '/procwatch/Watch/ops-email',
      stackName: 'Watch',
      logRetentionDays: 90,
    });
    const overridden = deploySettings(config, {
      ...where,
      context: { region: 'eu-west-1', stackName: 'Night', apiAuth: 'none' },
    });
    expect(overridden).toMatchObject({
      region: 'eu-west-1',
      opsEmailParameter: '/procwatch/Night/ops-email',
      api: { auth: 'none' },
    });
  });

  it('explains each problem in one line', () => {
    const problems = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(problems(() => deploySettings(repoConfig(), { ...where, context: { apiAuth: 'open' } }))).toMatch(
      /apiAuth: "open" is not one of iam, jwt, none/,
    );
    expect(problems(() => repoConfig({ deploy: { api: { auth: 'jwt' } } }))).toMatch(
      /auth "jwt" needs jwtIssuer and jwtAudiences/,
    );
    expect(problems(() => repoConfig({ deploy: { schedules: { govuk: 'every 15 minutes' } } }))).toMatch(
      /deploy.schedules.govuk: must be an EventBridge Scheduler expression/,
    );
    expect(problems(() => repoConfig({ deploy: { logRetentionDays: 31 } }))).toMatch(/deploy.logRetentionDays/);
    expect(problems(() => deploySettings(repoConfig({ knownCorrespondence: '../letters' }), where))).toMatch(
      /knownCorrespondence: must be a path inside the project/,
    );
    expect(problems(() => repoConfig({ deploy: { regoin: 'eu-west-2' } }))).toMatch(/unknown key\(s\) "regoin"/);
    // The operations address would sit in the template: it goes to SSM instead.
    const ops = /deploy.opsEmail: the operations address stays out of the template.*put-parameter --name \/procwatch\//;
    expect(problems(() => deploySettings(repoConfig({ deploy: { opsEmail: 'ops@example.org' } }), where))).toMatch(ops);
    expect(problems(() => deploySettings(repoConfig(), { ...where, context: { opsEmail: 'o@example.org' } }))).toMatch(
      ops,
    );
  });

  it('lets the sender reach verified recipients in the sandbox only when asked to, naming none of them', () => {
    const config = repoConfig({
      alerts: { from: 'alerts@example.org', to: ['Team <Team@example.org>'] },
      subscribers: [{ email: 'team@example.org' }, { email: 'reader@example.org', frequency: 'daily' }],
    });
    expect(deploySettings(config, where).sandboxRecipients).toBe(false);
    const sandbox = deploySettings({ ...config, deploy: { verifyRecipients: true } }, where);
    expect(sandbox.sandboxRecipients).toBe(true);
    const { deployedConfig: _bundle, ...template } = sandbox;
    expect(JSON.stringify(template)).not.toMatch(/team@|reader@/);
  });

  it('refuses the shipped placeholders, one sentence each', () => {
    let thrown: unknown;
    try {
      deploySettings(shippedConfig(), where);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const sentences = (thrown as ConfigError).problems;
    expect(sentences).toEqual([
      expect.stringMatching(/^(- )?contact: "set-your-contact@example.org" is the shipped placeholder; .+\.$/),
      expect.stringMatching(/^(- )?alerts\.from: ".*alerts@procwatch\.invalid>?" is a placeholder .+\.$/),
      expect.stringMatching(/^(- )?alerts\.to: "campaign-team@example\.org" is an example address; .+\.$/),
    ]);
    // Any address at a domain that can never receive mail is refused too, not only the shipped strings.
    expect(() => deploySettings(repoConfig({ contact: 'me@campaign.test' }), where)).toThrow(
      /contact: "me@campaign.test"/,
    );
  });

  it('makes `cdk synth` of the shipped config fail, naming each placeholder, before building anything', () => {
    const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs'), 'bin/app.ts'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: join(PROJECT_ROOT, 'cdk.out', 'placeholder-test') },
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/contact: "set-your-contact@example.org"/);
    expect(run.stderr).toMatch(/alerts\.from: /);
    expect(run.stderr).toMatch(/alerts\.to: "campaign-team@example\.org"/);
  }, 90_000);

  it('strips display names from addresses', () => {
    expect(bareAddress('procurement-watch <alerts@example.org>')).toBe('alerts@example.org');
    expect(bareAddress('alerts@example.org')).toBe('alerts@example.org');
  });
});
