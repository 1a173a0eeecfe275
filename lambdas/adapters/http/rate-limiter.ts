/**
 * Spaces requests per bucket (e.g. at most 10 a second to the GOV.UK Content API). Each bucket
 * keeps the time its next request may start; callers queue in order.
 */
import type { Clock } from '../../core/ports';

export class RateLimiter {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly intervals: Record<string, number>,
    private readonly clock: Clock,
    private readonly defaultIntervalMs = 100,
  ) {}

  async wait(bucket: string): Promise<void> {
    const interval = this.intervals[bucket] ?? this.defaultIntervalMs;
    const now = this.clock.now().getTime();
    const at = Math.max(now, this.nextAt.get(bucket) ?? 0);
    this.nextAt.set(bucket, at + interval);
    if (at > now) await this.clock.sleep(at - now);
  }
}

/**
 * Published limits: GOV.UK Content API 10 requests/second per client; legislation.gov.uk asks
 * for about 10 requests per 5-10 seconds (hard limit 3,000 per 5 minutes); the Bills API states
 * none, so it gets the same politeness as GOV.UK's (the Written Questions API shares its bucket).
 * Find a Tender and Contracts Finder publish none in their API documentation, but the platform that
 * serves both (cabinetoffice/GCGS-Central-Digital-Platform, terragrunt/modules/core-networking:
 * locals.tf, waf-php.tf, waf-fts.tf @ 9da6c201) blocks more than 12 requests in 120 seconds per IP to
 * `/api/…/ocdsReleasePackages` and `/published/notices/ocds/…` with a 429 and `Retry-After: 120`:
 * both get one request every ten seconds, so a window read page by page never meets that wall.
 */
export const DEFAULT_INTERVALS_MS: Record<string, number> = {
  'govuk-content': 100,
  'govuk-search': 100,
  parliament: 200,
  legislation: 1000,
  'html-page': 1000,
  'find-a-tender': 10_000,
  'contracts-finder': 10_000,
};
