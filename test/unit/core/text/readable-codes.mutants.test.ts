/** Every legislation class's citation, the bare classes spaced, and where a camel-case label starts and ends. */
import { readableCodes } from '../../../../lambdas/core/text/readable-codes';

it.each([
  ['UnitedKingdomStatutoryInstrument 2026/312', 'S.I. 2026/312'],
  ['ScottishStatutoryInstrument 2024/7', 'S.S.I. 2024/7'],
  ['WelshStatutoryInstrument 2025/1234', 'W.S.I. 2025/1234'],
  ['NorthernIrelandStatutoryRule 2023/9', 'S.R. 2023/9'],
  ['UnitedKingdomPublicGeneralAct 2023/54', '2023 c. 54'],
  ['UnitedKingdomLocalAct 2021/3', '2021 c. 3'],
  ['AssetOfScottishParliament 2022/10', '2022 asp 10'],
  ['ActOfSenedd 2024/2', '2024 asc 2'],
  ['UnitedKingdomMinisterialOrder 2020/15', 'Ministerial Order 2020/15'],
  ['UnitedKingdomStatutoryInstrumentDraft 2026/8', 'Draft S.I. 2026/8'],
])('%s is cited as %s', (code, citation) => {
  expect(readableCodes(`(${code}) and (${code})`)).toBe(`(${citation}) and (${citation})`);
});

it.each([
  ['ScottishStatutoryInstrument', 'Scottish statutory instrument'],
  ['UnitedKingdomLocalAct', 'UK local act'],
  ['UnitedKingdomStatutoryInstrumentDraft', 'UK statutory instrument draft'],
  ['ActOfSenedd', 'Act of senedd'],
])('bare %s reads %s, every time', (code, words) => {
  expect(readableCodes(`${code}, ${code}.`)).toBe(`${words}, ${words}.`);
});

it('a class inside a longer word, or without a four-digit year, is not a citation', () => {
  expect(readableCodes('XUnitedKingdomLocalAct 2021/3')).toBe('XUnitedKingdomLocalAct 2021/3');
  expect(readableCodes('UnitedKingdomLocalAct 21/3')).toBe('UK local act 21/3');
  expect(readableCodes('UnitedKingdomLocalAct 2021/3x')).toBe('UK local act 2021/3x');
});

it.each([
  ['companyNumber: 1; endDate: 2', 'Company number: 1; End date: 2'],
  ['addressLine2: x', 'Address line2: x'],
  ['ocidPartyId: y', 'Ocid party id: y'],
  ['companyNumber is 1', 'companyNumber is 1'],
  ['company: 1', 'company: 1'],
  ['CompanyNumber: 1', 'CompanyNumber: 1'],
  ['xcompanyNumber: 1', 'Xcompany number: 1'],
  ['_companyNumber: 1', '_companyNumber: 1'],
])('label %j reads %j', (text, readable) => {
  expect(readableCodes(text)).toBe(readable);
});
