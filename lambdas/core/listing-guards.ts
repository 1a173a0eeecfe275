/** Pure checks on a listing before any document is believed: its fingerprint, and the shrink guard. */
import { namingSource, SecondLookError } from './errors';
import { stableId } from './ids';
import type { ListingEntry, SourceState } from './model';
import { fingerprint } from './text/normalize';

/**
 * What the listing says, as one value: every entry's id and change signal, and the content of
 * entries that carry their document whole. Equal to last time's means nothing can have moved.
 */
export function listingFingerprint(entries: ListingEntry[]): string {
  return stableId(
    ...entries.map((e) => {
      const inline = e.inline
        ? fingerprint(
            `${e.inline.text}\n${JSON.stringify(e.inline.extra ?? null)}\n${e.inline.withdrawn ? 'withdrawn' : ''}`,
          )
        : '';
      return `${e.docId}\u241e${e.signal}\u241e${inline}`;
    }),
  );
}

/**
 * A listing that is suddenly empty, or far smaller than the last one, is more likely an outage
 * or a redesign than mass withdrawal: fail the source, and believe it only when it repeats.
 */
export function guardShrink(
  sourceId: string,
  state: SourceState,
  size: number,
  activeStored: number,
  shrinkRatio: number,
): void {
  if (activeStored === 0) return;
  const previous = state.lastListingSize ?? activeStored;
  if (size === 0) {
    throw new SecondLookError(
      `The listing of ${sourceId} came back empty where ${previous} documents were listed before; ` +
        'nothing was marked withdrawn.',
      {},
      namingSource(sourceId),
    );
  }
  if (size < previous * shrinkRatio && state.pendingShrink !== size) {
    throw new SecondLookError(
      `The listing of ${sourceId} shrank from ${previous} to ${size} documents; ` +
        'waiting for the next run to confirm before marking anything withdrawn.',
      { pendingShrink: size },
      namingSource(sourceId),
    );
  }
}
