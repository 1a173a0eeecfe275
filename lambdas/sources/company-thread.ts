/**
 * Which thread a notice or a question joins: the companies it names. A question naming Hikvision
 * joins `hikvision--parliament`, as a letter between Free Tibet and Hikvision is in
 * `free-tibet--hikvision`: thread ids pair two parties, sorted (core/text/letter.ts).
 */
import { defaultParties, findParties } from '../core/text/parties';

/** The parties that are companies: public bodies and campaigns are named in many texts that are not about them. */
const COMPANIES = new Set(['hikvision', 'dahua']);

export function companyThread(text: string, side: string): string | null {
  const company = findParties(text, defaultParties).find((m) => COMPANIES.has(m.id));
  return company ? [company.id, side].sort().join('--') : null;
}
