/**
 * The stack's own signing keys in SSM: read when present, created once when absent, and the same key
 * for two functions that start together (first writer wins). A fake SSM client, no network.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { resolveSecret } from '../../../lambdas/adapters/mail/secret-source';

function fakeSsm(initial: Record<string, string> = {}) {
  const params = new Map(Object.entries(initial));
  const calls: string[] = [];
  const client = {
    async send(cmd: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = String(cmd.input.Name);
      calls.push(`${cmd.constructor.name} ${name}`);
      if (cmd.constructor.name === 'GetParameterCommand') {
        if (!params.has(name)) throw Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
        return { Parameter: { Value: params.get(name) } };
      }
      expect(cmd.input).toMatchObject({ Type: 'SecureString', Overwrite: false });
      if (params.has(name)) throw Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' });
      params.set(name, String(cmd.input.Value));
      return {};
    },
  };
  return { ssm: client as unknown as SSMClient, params, calls };
}

const ref = { secretEnv: 'NOPE', parameterEnv: 'KEY_PARAM' };
const env = { KEY_PARAM: '/procwatch/Test/unsubscribe-key' };

describe('resolveSecret with a stack-owned SSM parameter', () => {
  it('reads the key when it exists, writing nothing', async () => {
    const fake = fakeSsm({ '/procwatch/Test/unsubscribe-key': 'kept-key' });
    await expect(resolveSecret(ref, env, 'unsubscribe secret', { ssm: fake.ssm })).resolves.toBe('kept-key');
    expect(fake.calls).toEqual(['GetParameterCommand /procwatch/Test/unsubscribe-key']);
  });

  it('creates a random SecureString once when it is missing, and later reads return it', async () => {
    const fake = fakeSsm();
    const created = await resolveSecret(ref, env, 'unsubscribe secret', { ssm: fake.ssm });
    expect(created).toMatch(/^[A-Za-z0-9_-]{48}$/);
    await expect(resolveSecret(ref, env, 'unsubscribe secret', { ssm: fake.ssm })).resolves.toBe(created);
  });

  it('gives two functions starting together the same key: the second reads what the first wrote', async () => {
    const fake = fakeSsm();
    const [a, b] = await Promise.all([
      resolveSecret(ref, env, 'unsubscribe secret', { ssm: fake.ssm }),
      resolveSecret(ref, env, 'unsubscribe secret', { ssm: fake.ssm }),
    ]);
    expect(a).toBe(b);
    expect(fake.params.get(env.KEY_PARAM)).toBe(a);
  });

  it('never creates a parameter the config names (unsubscribe.parameter): a missing one is an error naming it', async () => {
    const fake = fakeSsm();
    await expect(
      resolveSecret({ parameter: '/mine/key' }, {}, 'unsubscribe secret', { ssm: fake.ssm }),
    ).rejects.toThrow(/Could not read the unsubscribe secret from SSM \(\/mine\/key\): ParameterNotFound/);
    expect(fake.calls.some((c) => c.startsWith('PutParameterCommand'))).toBe(false);
  });
});
