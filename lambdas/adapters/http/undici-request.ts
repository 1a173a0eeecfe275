/**
 * The two parts of undici the project uses, the Agent and `request`, imported by path: the package's
 * index loads every dispatcher, fetch, WebSocket, the mock agents and the cache stores (~525 KB of a
 * bundle) where these two need ~290 KB. Both adapters that open sockets (fetcher, webhook sender)
 * come through here.
 */
import Agent from 'undici/lib/dispatcher/agent';
import dispatchRequest from 'undici/lib/api/api-request';
import type { Dispatcher } from 'undici';

export { Agent };
export type { Dispatcher };

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher };

/** undici's `request(url, { dispatcher })`: what the index's wrapper does, without loading the index. */
export function request(url: string | URL, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const u = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher, ...rest } = options;
  return dispatchRequest.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}` });
}
