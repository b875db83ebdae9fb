/**
 * What seed 002 (湖北 V1.1.16) says each clearing-family code is: l.456–470 (3203 清算申请, 3204 清算申请撤销)
 * and l.1300–1370 (5262 / 5267 时间段查询 for HIS/MIS 对账; 3202a … 3205a, 1608 / 1618 清算申请). The document
 * gives the name and one sentence each, no field list: who the code is for (本地 / 异地 参保人员, or all),
 * whether it is the 汇总 or the 明细 form, and which application a 撤销 undoes come from that sentence
 * (tests/unit/sandbox-clearing-codes.test.ts holds this table against the seed's text).
 */
export type ClearingAct = 'apply' | 'cancel' | 'print' | 'query';
/** local: 本地参保人员 (clr_optins = the institution's own area); remote: 异地; all: both. */
export type ClearingPersons = 'local' | 'remote' | 'all';

export interface ClearingCode {
  readonly name: string;
  readonly act: ClearingAct;
  readonly persons: ClearingPersons;
  /** 汇总: totals of a group; 明细: the settlements listed one by one. */
  readonly form: 'summary' | 'detail' | null;
  /** For a 撤销: the application code it undoes. */
  readonly cancels: string | null;
}

export const CLEARING_CODES = {
  '3203': { name: '清算申请', act: 'apply', persons: 'all', form: 'summary', cancels: null },
  '3204': { name: '清算申请撤销', act: 'cancel', persons: 'all', form: 'summary', cancels: '3203' },
  '3202a': { name: '医药机构费用结算申请', act: 'apply', persons: 'local', form: 'summary', cancels: null },
  '3203a': { name: '医药机构费用结算申请按明细', act: 'apply', persons: 'local', form: 'detail', cancels: null },
  '3204a': { name: '医药机构费用结算申请撤销', act: 'cancel', persons: 'local', form: 'summary', cancels: '3202a' },
  '3204b': { name: '医药机构费用结算申请撤销按明', act: 'cancel', persons: 'local', form: 'detail', cancels: '3203a' },
  '1608': { name: '医药机构费用结算异地申请', act: 'apply', persons: 'remote', form: 'summary', cancels: null },
  '1618': { name: '医药机构费用结算异地申请撤销', act: 'cancel', persons: 'remote', form: 'summary', cancels: '1608' },
  '3205a': { name: '医药机构费用结算申请单打印', act: 'print', persons: 'all', form: null, cancels: null },
  '5262': { name: '结算信息按时间段查询', act: 'query', persons: 'local', form: null, cancels: null },
  '5267': { name: '异地结算信息时间段查询', act: 'query', persons: 'remote', form: null, cancels: null },
} as const satisfies Readonly<Record<string, ClearingCode>>;

export type ClearingInfno = keyof typeof CLEARING_CODES;

export const APPLY_CODES = (Object.keys(CLEARING_CODES) as ClearingInfno[]).filter((c) => CLEARING_CODES[c].act === 'apply');
