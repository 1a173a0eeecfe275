/**
 * Refuses requests whose host resolves to this machine, a private network or the cloud metadata
 * service: a crafted redirect or DNS name must not turn the monitor against its own network.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(a) === 4) {
    const [p, q] = a.split('.').map(Number);
    return (
      p === 0 ||
      p === 10 ||
      p === 127 ||
      (p === 169 && q === 254) ||
      (p === 172 && q >= 16 && q <= 31) ||
      (p === 192 && q === 168) ||
      (p === 100 && q >= 64 && q <= 127) ||
      p >= 224
    );
  }
  if (isIP(a) === 6) {
    if (a === '::' || a === '::1') return true;
    if (a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80')) return true;
    const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    return mapped ? isPrivateAddress(mapped[1]) : false;
  }
  return a === 'localhost' || a.endsWith('.localhost');
}

export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((r) => r.address);

/** True when the host (a name or a literal address) points at a private or local address. */
export async function resolvesToPrivate(host: string, resolve: Resolver = systemResolver): Promise<boolean> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return isPrivateAddress(bare);
  if (isPrivateAddress(bare)) return true;
  const addresses = await resolve(bare);
  return addresses.some(isPrivateAddress);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `lookup` for the sockets themselves: the check before a request resolves the name once, and
 * the connection would resolve it again (DNS rebinding answers public, then private). Resolving
 * through the same guard at connect time makes the checked address the connected one.
 */
export function guardedLookup(resolve: Resolver, allowPrivateHostnames: ReadonlySet<string>) {
  return (hostname: string, options: { all?: boolean } | number | LookupCallback, callback?: LookupCallback): void => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const all = typeof options === 'object' && options !== null && Boolean(options.all);
    resolve(hostname).then(
      (addresses) => {
        const host = hostname.toLowerCase();
        if (!addresses.length)
          return cb(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '');
        if (!allowPrivateHostnames.has(host) && (isPrivateAddress(host) || addresses.some(isPrivateAddress))) {
          return cb(
            Object.assign(new Error(`${hostname} resolves to a private or local address`), { code: 'EPRIVATEADDRESS' }),
            '',
          );
        }
        const list = addresses.map((address) => ({ address, family: isIP(address) || 4 }));
        return all ? cb(null, list) : cb(null, list[0].address, list[0].family);
      },
      (err: NodeJS.ErrnoException) => cb(err, ''),
    );
  };
}
