/**
 * What the fetcher does with a response's bytes: read them within a size limit, decompress them
 * within the same limit, and turn them into text the same way every run.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { FetchError } from '../../core/errors';

export function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function readLimited(body: AsyncIterable<Buffer>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      (body as unknown as { destroy?: () => void }).destroy?.();
      throw new FetchError(
        `The response from {url} is larger than ${Math.round(max / 1024 / 1024)} MB and was refused.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function decompress(raw: Buffer, encoding: string | undefined, max: number, url: string): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity') return raw;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw, { maxOutputLength: max });
    if (enc === 'br') return brotliDecompressSync(raw, { maxOutputLength: max });
    if (enc === 'deflate') return inflateSync(raw, { maxOutputLength: max });
  } catch (err) {
    // zlib's limit (maxOutputLength) fails with this code for gzip, deflate and brotli alike.
    // (Read by property, not `instanceof RangeError`: zlib's errors may come from another realm.)
    const tooBig = typeof err === 'object' && err !== null && Reflect.get(err, 'code') === 'ERR_BUFFER_TOO_LARGE';
    throw new FetchError(
      tooBig
        ? `The response from ${url} expands past ${Math.round(max / 1024 / 1024)} MB when decompressed and was refused.`
        : `The response from ${url} could not be decompressed (${enc}).`,
      { url },
      err,
      false,
    );
  }
  throw new FetchError(
    `The response from ${url} uses an unknown content encoding "${enc}".`,
    { url },
    undefined,
    false,
  );
}

/**
 * Bytes to text, the same way every run: a wrong declared charset must not turn the same bytes into
 * different text from one run to the next (a false "document changed"). JSON is UTF-8 by definition
 * (RFC 8259); any other body that is valid UTF-8 is read as UTF-8 whatever its label says (GOV.UK,
 * Parliament and legislation.gov.uk all serve UTF-8). Otherwise: a byte-order mark, then the declared
 * charset, then a `<meta charset>` in the first 1024 bytes, then windows-1252; bad bytes become U+FFFD.
 */
export function decodeBody(raw: Buffer, contentType: string | undefined): string {
  if (/json/i.test(contentType ?? '')) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Not UTF-8: sniff what it is.
  }
  const bom = raw[0] === 0xff && raw[1] === 0xfe ? 'utf-16le' : raw[0] === 0xfe && raw[1] === 0xff ? 'utf-16be' : null;
  const declared = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const meta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(raw.subarray(0, 1024).toString('latin1'))?.[1];
  for (const label of [bom, declared, meta, 'windows-1252']) {
    if (!label) continue;
    try {
      return new TextDecoder(label.toLowerCase()).decode(raw);
    } catch {
      // An unknown label: try the next source of truth.
    }
  }
  return new TextDecoder('utf-8').decode(raw);
}

export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The system's codes for "no route or no name resolution": the network, not the server, is missing. */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

export function networkUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNREACHABLE.has(code);
}

export function describeNetworkError(err: unknown): string {
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.name === 'TimeoutError' || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT')
    return 'timed out';
  if (e?.code === 'ECONNREFUSED') return 'connection refused';
  if (e?.code === 'ECONNRESET' || e?.code === 'UND_ERR_SOCKET') return 'connection reset';
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return 'no network or the name did not resolve';
  if (e?.code === 'ENETUNREACH' || e?.code === 'EHOSTUNREACH' || e?.code === 'ENETDOWN')
    return 'no route to the network';
  if (e?.code === 'EPRIVATEADDRESS') return 'the name resolves to a private or local address';
  return e?.message ?? String(err);
}
