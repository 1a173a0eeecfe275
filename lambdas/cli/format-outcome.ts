/** One progress line per source, and one line per alert: what a person running a cycle reads. */
import type { DeliveryReport } from '../core/delivery-context';
import type { Alert, SourceOutcome } from '../core/model';

export function formatOutcome(o: SourceOutcome): string {
  const req = `${o.requests} request${o.requests === 1 ? '' : 's'}`;
  switch (o.kind) {
    case 'unchanged':
      return `  ok      ${o.sourceId}: nothing changed (${req})`;
    case 'baseline':
      return `  ok      ${o.sourceId}: baseline recorded, ${o.documents} documents (${req})`;
    case 'updated':
      return `  ok      ${o.sourceId}: ${o.changes.length} change${o.changes.length === 1 ? '' : 's'} (${req})`;
    case 'busy':
      return `  busy    ${o.sourceId}: ${o.reason}`;
    case 'failed':
      return `  FAILED  ${o.sourceId}: ${o.reason}${o.alerted ? ' [source-failing alert raised]' : ''}`;
  }
}

export function formatAlertLine(a: Pick<Alert, 'type' | 'subject' | 'alertId'>): string {
  return `  alert   [${a.type}] ${a.subject.replace(/[\r\n]+/g, ' ')}`;
}

/** One line per delivery that failed for good: to whom, what, and the provider's reason. */
export function formatFailureLine(f: DeliveryReport['failed'][number]): string {
  const what = f.alert ? `[${f.alert.type}] ${f.alert.subject}` : `[digest] ${f.subjectId}`;
  return `  NOT SENT to ${f.recipient} ${what.replace(/[\r\n]+/g, ' ')}: ${f.reason}`;
}
