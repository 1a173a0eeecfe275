/** `find-a-tender`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import { noticeDeclaration } from '../ocds/notice-declaration';
import { findATenderPlace } from './place';

export const findATenderDeclaration = noticeDeclaration(findATenderPlace);
