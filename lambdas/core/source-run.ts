/**
 * What one check of one source carries from step to step: its settings, and the few things it
 * accumulates (requests made, the source's stored documents as written so far, the changes it
 * recorded). Created per check and never shared.
 */
import type { KnownCorpus } from './classify-document';
import { ProcwatchError } from './errors';
import type { Change, Fetched, FetchRequest, StoredDocument } from './model';
import type { PlanContext } from './plan-document';
import type {
  ChangeWrite,
  CheckStore,
  Clock,
  HttpFetcher,
  Logger,
  TextExtractor,
  Validators,
  WriteOutcome,
} from './ports';
import type { HealthContext } from './source-health';
import type { Endpoints, SourceConfigBase, SourceKind } from './source-kind';

export interface CheckDeps {
  store: CheckStore;
  fetcher: HttpFetcher;
  clock: Clock;
  logger: Logger;
  /** Reads the text of file attachments (PDFs); without it, a file attachment fails in one sentence. */
  extractor: TextExtractor;
}

export interface CheckInput {
  source: SourceConfigBase;
  kind: SourceKind;
  endpoints: Endpoints;
  runId: string;
  known: KnownCorpus;
  keywords: string[];
  /** Consecutive failures before a `source-failing` alert. */
  failureThreshold: number;
  /** A listing that shrinks below this fraction of the last one needs a second look. */
  shrinkRatio: number;
  /** Set by the cycle: a failure for lack of network is returned uncounted (`offline`), for the cycle to judge. */
  deferUnreachable?: boolean;
}

export interface SourceRun {
  readonly deps: CheckDeps;
  readonly input: CheckInput;
  readonly plan: PlanContext;
  readonly health: HealthContext;
  requests: number;
  /** The source's documents, read once per cycle and kept current as heads are written. */
  readonly stored: Map<string, StoredDocument>;
  /** Changes this check recorded that alert (what the outcome reports). */
  readonly changes: Change[];
  /** Suspicious changes held for a second look in this check. */
  readonly held: { docId: string; hash: string }[];
}

export function startRun(deps: CheckDeps, input: CheckInput, baseline: boolean): SourceRun {
  const now = deps.clock.now().toISOString();
  const { source, kind, runId, keywords, failureThreshold } = input;
  return {
    deps,
    input,
    plan: { source, kind, runId, now, baseline, keywords },
    health: { source, runId, now, failureThreshold },
    requests: 0,
    stored: new Map(),
    changes: [],
    held: [],
  };
}

export async function fetchFor(run: SourceRun, req: FetchRequest, validators?: Validators): Promise<Fetched> {
  run.requests++;
  try {
    return await run.deps.fetcher.get(req, validators);
  } catch (err) {
    if (err instanceof ProcwatchError) err.context.source ??= run.input.source.id;
    throw err;
  }
}

/** Writes one planned transition; keeps the run's view of the stored documents current. */
export async function writeFor(run: SourceRun, write: ChangeWrite, alerting: Change[]): Promise<WriteOutcome> {
  const outcome = await run.deps.store.recordChange(write);
  if (outcome === 'written') {
    run.changes.push(...alerting);
    if (write.document) run.stored.set(write.document.next.docId, write.document.next);
  } else {
    const doc = write.document?.next.docId;
    run.deps.logger.info('change already recorded by another run', { source: run.input.source.id, doc });
  }
  return outcome;
}
