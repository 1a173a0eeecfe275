/** `contracts-finder`'s config and hosts, without its parsers (see `SourceDeclaration`). */
import { noticeDeclaration } from '../ocds/notice-declaration';

export const contractsFinderPlace = { kind: 'contracts-finder', endpoint: 'contractsFinder' } as const;

export const contractsFinderDeclaration = noticeDeclaration(contractsFinderPlace);
