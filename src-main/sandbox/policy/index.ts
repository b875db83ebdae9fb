/**
 * Policy engine of the sandbox 医保中心: pure, deterministic settlement of fee
 * lines into fund and personal parts. See POLICY.md for the rules in tables.
 */
export { computeSettlement, emptyYearToDate, sumLineTotals, yearToDateAfterReversal } from './settlement';
export { splitLines } from './split-lines';
export { assertLineInvariants, assertSettlementInvariants } from './invariants';
export { ageBandOf, schemeOf } from './select';
export { SANDBOX_POLICY, FUNDS, AGE_BANDS, INSTITUTION_LEVELS, BENEFIT_POOLS } from './table';
export type { AgeBand, AssistanceRule, ByLevel, MedTypeRule, PoolRule, SandboxPolicy, SchemeRule } from './table';
export { toProtocolLine, toProtocolSetldetail, toProtocolSetlinfo, toProtocolSettlement } from './protocol-mapping';
export type { ProtocolLineResult, ProtocolSetldetail, ProtocolSetlinfo } from './protocol-mapping';
export { renderPolicyTables, renderPolicyTablesBlock } from './policy-markdown';
export type * from './types';
