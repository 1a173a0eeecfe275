/**
 * Lambda: one watch cycle, run on a schedule. Thin: the same use-case as `procwatch run`, with every
 * source kind. The stack deploys one function per group instead, from entries that hand the same
 * checkerHandler their group's kinds alone (lib/constructs/checker-entries.ts); the tests run this one.
 */
import { sourceKinds } from '../sources';
import { checkerHandler } from './checker-handler';

export type { CheckEvent } from './checker-handler';
export { checkerRuntime } from './checker-handler';

export const handler = checkerHandler(sourceKinds, null);
