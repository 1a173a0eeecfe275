/**
 * Refuses requests whose host resolves to this machine, a private network or the cloud metadata
 * service: a crafted redirect or DNS name must not turn the monitor against its own network.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export function isPrivateAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(a) === 4) return isPrivateIPv4(a);
  if (isIP(a) === 6) return isPrivateIPv6(a);
  return a === 'localhost' || a.endsWith('.localhost');
}

function isPrivateIPv4(a: string): boolean {
  const [p, q] = a.split('.').map(Number);
  return (
    p === 0 ||
    p === 10 ||
    p === 127 ||
    (p === 169 && q === 254) ||
    (p === 172 && q >= 16 && q <= 31) ||
    (p === 192 && q === 168) ||
    (p === 100 && q >= 64 && q <= 127) ||
    (p === 198 && (q === 18 || q === 19)) ||
    p >= 224
  );
}

/** The eight 16-bit groups of an IPv6 address, whatever way it is written (`::`, a dotted IPv4 tail). */
export function ipv6Groups(address: string): number[] {
  let a = address.split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const [w, x, y, z] = dotted[1].split('.').map(Number);
    a = `${a.slice(0, -dotted[1].length)}${((w << 8) | x).toString(16)}:${((y << 8) | z).toString(16)}`;
  }
  const [head, tail] = a.includes('::') ? a.split('::') : [a, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === null ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g || '0', 16));
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * Loopback, unspecified, unique-local, link-local and multicast ranges, and every form that embeds
 * an IPv4 address — mapped (`::ffff:7f00:1`), compatible (`::7f00:1`), NAT64 (`64:ff9b::/96`,
 * `64:ff9b:1::/48`), 6to4 (`2002::/16`) and Teredo (`2001::/32`, obfuscated) — judged by that IPv4
 * address, so no spelling of 127.0.0.1 or 169.254.169.254 gets through.
 */
function isPrivateIPv6(address: string): boolean {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.some((n) => Number.isNaN(n))) return true;
  const zeroHead = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroHead(8)) return true; // ::
  if (zeroHead(7) && g[7] === 1) return true; // ::1
  if ((g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80 || (g[0] & 0xff00) === 0xff00) return true;
  if (zeroHead(5) && g[5] === 0xffff) return isPrivateIPv4(v4(g[6], g[7])); // mapped
  if (zeroHead(6)) return isPrivateIPv4(v4(g[6], g[7])); // compatible
  if (g[0] === 0x64 && g[1] === 0xff9b) return isPrivateIPv4(v4(g[6], g[7])); // NAT64, well-known and local
  if (g[0] === 0x2002) return isPrivateIPv4(v4(g[1], g[2])); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return isPrivateIPv4(v4(g[6] ^ 0xffff, g[7] ^ 0xffff)); // Teredo client
  return false;
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
