/** `contracts-finder`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import { noticeDeclaration } from '../ocds/notice-declaration';
import { contractsFinderPlace } from './place';

export const contractsFinderDeclaration = noticeDeclaration(contractsFinderPlace);
