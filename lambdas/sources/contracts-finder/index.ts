/**
 * `contracts-finder`: Contracts Finder's OCDS search (`/Published/Notices/OCDS/Search?publishedFrom=…
 * &stages=…&limit=100`, paged by `cursor`), watched for notices naming the configured terms.
 * Contracts Finder answers 403 for five minutes to a client that asks too often (its API
 * documentation), and the platform serving it limits this path to 12 requests in 120 seconds (see
 * adapters/http/rate-limiter.ts): requests go one every ten seconds through the `contracts-finder`
 * bucket, and a 403 fails the source for this cycle rather than being retried.
 */
import { noticeKind } from '../ocds/notice-kind';
import { contractsFinderPlace } from './place';

export const contractsFinder = noticeKind({
  ...contractsFinderPlace,
  portal: 'Contracts Finder',
  path: '/Published/Notices/OCDS/Search',
  windowParam: 'publishedFrom',
  bucket: 'contracts-finder',
  // Contracts Finder links its notice in the release (`tenderNotice`, `awardNotice`); this is the fallback.
  noticeUrl: (n) => `https://www.contractsfinder.service.gov.uk/Notice/${encodeURIComponent(n.releaseId)}`,
});
