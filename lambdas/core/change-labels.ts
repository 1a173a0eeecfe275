/**
 * What a person reads for a change's codes: the type's label from the one registry, the source's
 * configured name, the thread as parties ("BSCC ↔ Hikvision") and the summary without internal codes.
 * The API sends these beside the codes, so the web page never keeps a table of its own.
 */
import type { Catalog } from './catalog';
import { changeTypeLabel } from './change-types';
import { threadName } from './describe-change';
import type { Change } from './model';
import { readableCodes } from './text/readable-codes';

const THREAD_ID = /\b[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*\b/g;

export interface ChangeLabels {
  type: string;
  source: string;
  thread: string | null;
  summary: string;
}

export function changeLabels(
  change: Pick<Change, 'type' | 'sourceId' | 'threadId' | 'summary'>,
  catalog?: Pick<Catalog, 'sources' | 'types'>,
): ChangeLabels {
  return {
    type: changeTypeLabel(change.type, catalog?.types),
    source: catalog?.sources.find((s) => s.id === change.sourceId)?.name ?? change.sourceId,
    thread: change.threadId ? threadName(change.threadId) : null,
    // A summary naming a thread by its id ("the thread free-tibet--hikvision") names its parties instead.
    summary: readableCodes(change.summary).replace(THREAD_ID, (id) => threadName(id)),
  };
}
