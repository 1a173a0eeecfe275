/** Which kind `contracts-finder` is and which endpoint family serves it: what its declaration and its parsers share. */
import type { PortalPlace } from '../ocds/notice-declaration';

export const contractsFinderPlace = {
  kind: 'contracts-finder',
  endpoint: 'contractsFinder',
} as const satisfies PortalPlace;
