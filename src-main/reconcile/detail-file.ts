/**
 * The 3202 files (protocol.md §2.15, §2.18): the upload is one UTF-8 TXT, one record per line,
 * TAB-separated DETAIL_UPLOAD_COLUMNS, zipped for 9101; the center's result (9102) is a ZIP of
 * one TXT with DETAIL_RESULT_COLUMNS, `null` for an empty cell. stmt_rslt of a result line:
 * 0 平, 1 中心多 (its msgid is the omsgid a 2601 would need), 2 医药机构多, 3 数据不一致.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { YibaoError } from '../core/errors';
import { formatYuan } from '../core/money';
import { NULL_TEXT } from '../protocol/catalogue-file-columns';
import { DETAIL_RESULT_COLUMNS, DETAIL_UPLOAD_COLUMNS } from '../protocol/transactions/reconcile';
import type { LedgerRecord } from './local-ledger';
import { withoutBom } from '../core/bom';

export type DetailResultLine = Record<(typeof DETAIL_RESULT_COLUMNS)[number], string>;

export type DifferenceKind = 'center-only' | 'local-only' | 'amount-differs';

export interface Difference {
  readonly kind: DifferenceKind;
  readonly stmtRslt: string;
  readonly setlId: string;
  /** The center's msgid for center records; the counter's own for a record only it has. */
  readonly msgid: string;
  readonly psnNo: string;
  readonly mdtrtId: string;
  readonly refdSetlFlag: string;
  readonly memo: string;
}

const KIND_OF_RESULT: Readonly<Record<string, DifferenceKind>> = {
  '1': 'center-only',
  '2': 'local-only',
  '3': 'amount-differs',
};

function cell(value: string): string {
  return value === '' ? NULL_TEXT : value.replace(/[\t\r\n]+/g, ' ');
}

/** The upload ZIP for 9101 with its TXT named after the ZIP. */
export function buildDetailUpload(records: readonly LedgerRecord[], baseName: string): { zip: Uint8Array; filename: string } {
  const text = records
    .map((r) => {
      const row: Record<(typeof DETAIL_UPLOAD_COLUMNS)[number], string> = {
        setl_id: r.setlId,
        mdtrt_id: r.mdtrtId,
        psn_no: r.psnNo,
        medfee_sumamt: formatYuan(r.medfee),
        fund_pay_sumamt: formatYuan(r.fund),
        acct_pay: formatYuan(r.acct),
        refd_setl_flag: r.refdSetlFlag,
      };
      return DETAIL_UPLOAD_COLUMNS.map((c) => cell(row[c])).join('\t') + '\n';
    })
    .join('');
  return { zip: zipSync({ [`${baseName}.txt`]: [strToU8(text), { level: 6 }] }), filename: `${baseName}.zip` };
}

const resultLineSchema = z.object({
  stmt_rslt: z.enum(['0', '1', '2', '3'], { message: 'stmt_rslt 应为 0/1/2/3' }),
  setl_id: z.string(),
});

/** Reads the 9102 result ZIP; a malformed file is refused with the line named. */
export function parseDetailResult(bytes: Uint8Array, filename: string): DetailResultLine[] {
  let text: string;
  try {
    const entries = Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/'));
    if (entries.length !== 1) throw new Error(`应只含一个 TXT 文件, 实际 ${entries.length} 个`);
    text = withoutBom(strFromU8((entries[0] as [string, Uint8Array])[1]));
  } catch (cause) {
    throw new YibaoError(
      'E_RECONCILE_FILE',
      `明细对账结果文件 ${filename} 无法读取 (${(cause as Error).message}); 请稍后重新对账`,
      { filename },
      { cause },
    );
  }
  const out: DetailResultLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split('\t').map((c) => (c === NULL_TEXT ? '' : c));
    if (cells.length !== DETAIL_RESULT_COLUMNS.length) {
      throw new YibaoError(
        'E_RECONCILE_FILE',
        `明细对账结果文件 ${filename} 第 ${i + 1} 行有 ${cells.length} 列, 应为 ${DETAIL_RESULT_COLUMNS.length} 列 (${DETAIL_RESULT_COLUMNS.join(', ')})`,
        { filename, line: i + 1 },
      );
    }
    const line = Object.fromEntries(DETAIL_RESULT_COLUMNS.map((c, k) => [c, cells[k] as string])) as DetailResultLine;
    const checked = resultLineSchema.safeParse(line);
    if (!checked.success) {
      throw new YibaoError(
        'E_RECONCILE_FILE',
        `明细对账结果文件 ${filename} 第 ${i + 1} 行: ${checked.error.issues[0]?.message ?? '格式不对'}`,
        { filename, line: i + 1 },
      );
    }
    out.push(line);
  });
  return out;
}

/** The result lines that are not 平, with the counter's own msgid where only the counter has the record. */
export function differencesOf(lines: readonly DetailResultLine[], local: readonly LedgerRecord[]): Difference[] {
  const bySetlId = new Map(local.map((r) => [r.setlId, r]));
  return lines
    .filter((l) => l.stmt_rslt !== '0')
    .map((l) => {
      const mine = bySetlId.get(l.setl_id);
      return {
        kind: KIND_OF_RESULT[l.stmt_rslt] ?? 'amount-differs',
        stmtRslt: l.stmt_rslt,
        setlId: l.setl_id,
        msgid: l.msgid || mine?.msgid || '',
        psnNo: l.psn_no,
        mdtrtId: l.mdtrt_id,
        refdSetlFlag: l.refd_setl_flag,
        memo: l.memo,
      };
    });
}
