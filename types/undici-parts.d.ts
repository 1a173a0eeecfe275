/**
 * Types for the two undici files lambdas/adapters/http/undici-request.ts imports by path (the
 * package has no "exports" map, so node, jest and esbuild resolve them; its types cover the index only).
 */
declare module 'undici/lib/dispatcher/agent' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/api/api-request' {
  import type { Dispatcher } from 'undici';
  export default function request(
    this: Dispatcher,
    options: Dispatcher.RequestOptions,
  ): Promise<Dispatcher.ResponseData>;
}
