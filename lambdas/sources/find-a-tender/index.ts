/**
 * `find-a-tender`: the Find a Tender service's OCDS release packages
 * (`/api/1.0/ocdsReleasePackages?updatedFrom=…&stages=…&limit=100`, paged by `cursor`), watched for
 * notices naming the configured terms. Its API documentation states no rate limit, but the platform
 * answers 429 (Retry-After 120) past 12 requests in 120 seconds (see adapters/http/rate-limiter.ts):
 * requests go one every ten seconds through the `find-a-tender` bucket, and a 429's Retry-After is honoured.
 */
import { noticeKind } from '../ocds/notice-kind';
import { findATenderPlace } from './place';

export const findATender = noticeKind({
  ...findATenderPlace,
  portal: 'Find a Tender',
  path: '/api/1.0/ocdsReleasePackages',
  windowParam: 'updatedFrom',
  bucket: 'find-a-tender',
  // Notice ids (`012345-2026`) are the release ids: https://www.find-tender.service.gov.uk/Notice/012345-2026.
  noticeUrl: (n) => `https://www.find-tender.service.gov.uk/Notice/${encodeURIComponent(n.releaseId)}`,
});
