/** Which kind `find-a-tender` is and which endpoint family serves it: what its declaration and its parsers share. */
import type { PortalPlace } from '../ocds/notice-declaration';

export const findATenderPlace = { kind: 'find-a-tender', endpoint: 'findATender' } as const satisfies PortalPlace;
