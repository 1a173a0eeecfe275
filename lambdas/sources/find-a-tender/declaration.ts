/** `find-a-tender`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import { noticeDeclaration } from '../ocds/notice-declaration';

export const findATenderPlace = { kind: 'find-a-tender', endpoint: 'findATender' } as const;

export const findATenderDeclaration = noticeDeclaration(findATenderPlace);
