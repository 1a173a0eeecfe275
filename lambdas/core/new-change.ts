/** A change-log entry with what every change has; the rest (version, diff, letter…) starts empty. */
import type { Change } from './model';

export type ChangeEssentials = Pick<
  Change,
  'changeId' | 'sourceId' | 'docId' | 'type' | 'detectedAt' | 'runId' | 'title' | 'url' | 'summary'
>;

export function newChange(essentials: ChangeEssentials, details: Partial<Change> = {}): Change {
  return {
    publishedAt: null,
    updatedAt: null,
    datedAt: null,
    version: null,
    previousVersion: null,
    diff: null,
    changeNote: null,
    threadId: null,
    letter: null,
    knownMatch: null,
    keywords: [],
    ...essentials,
    ...details,
  };
}
