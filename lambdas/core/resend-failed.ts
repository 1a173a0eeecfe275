/**
 * resendFailed: what `procwatch resend CHANGE_ID` and `procwatch resend --failed` do. Each failed
 * row (of that change, or all of them) gets its next generation, due now, in the same transaction
 * that marks the failed one superseded; so a second resend of the same failure finds nothing, and
 * the new row goes through the one state machine like any other (a new Message-ID, as it is a new
 * email). Suppressed addresses stay suppressed: their rows are settled as not sent.
 */
import type { DeliverDeps } from './delivery-context';
import type { Delivery } from './model';
import { systemClock } from './ports';

export type ResendWhich = { changeId: string } | { allFailed: true };

export interface ResendReport {
  /** The failed rows given a new generation now. */
  resent: Delivery[];
}

export async function resendFailed(
  deps: Pick<DeliverDeps, 'outbox' | 'clock'>,
  which: ResendWhich,
): Promise<ResendReport> {
  const clock = deps.clock ?? systemClock;
  const failed = await deps.outbox.listFailed();
  const chosen = 'changeId' in which ? failed.filter((d) => d.alertIds.includes(which.changeId)) : failed;
  const resent: Delivery[] = [];
  // A row another resend superseded meanwhile answers false: it is not re-sent twice.
  for (const row of chosen) if (await deps.outbox.resend(row, clock.now())) resent.push(row);
  return { resent };
}
