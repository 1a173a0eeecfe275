/** The alert a change raises: written in the same write as the change itself, then never changed. */
import { subjectFor } from './describe-change';
import type { Alert, Change } from './model';

export function alertFor(change: Change, createdAt: string): Alert {
  return {
    alertId: change.changeId,
    changeId: change.changeId,
    type: change.type,
    sourceId: change.sourceId,
    createdAt,
    subject: subjectFor(change),
    priority: change.keywords.length > 0 || change.type === 'source-failing' ? 'high' : 'normal',
  };
}
