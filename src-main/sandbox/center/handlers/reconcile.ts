/**
 * 3201 总账对账 and 3202 明细对账 (protocol.md §2.14–2.15, §5.10) against the center's ledger.
 *
 * The ledger of a period is this institution's settlement records with setl_time in
 * [stmt_begndate 00:00:00, stmt_enddate 23:59:59]: originals and refund records (a cancelled
 * sale counts twice, once positive and once negative), never reversed ones (2601 means the
 * center never settled it). refd_setl_flag '0' / '1' narrows to originals / refund records.
 *
 * 3202 reads the counter's 9101 upload (one TXT, DETAIL_UPLOAD_COLUMNS, TAB-separated, `null`
 * for empty), compares it by setl_id and writes the result TXT (DETAIL_RESULT_COLUMNS) as a
 * file for 9102. stmt_rslt: 0 平, 1 中心多 (carries the msgid, the counter's 2601 omsgid),
 * 2 医药机构多, 3 数据不一致 (memo names the fields).
 */
import type { SandboxInput } from '../../spec/input-rules';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { formatYuan, negFen, parseYuan, subFen, sumFen, type Fen } from '../../amounts';
import { formatCompact } from '../../../core/time';
import { NULL_TEXT, type SettlementRow, type StatementFilter } from '../../store';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

/** 3202 upload-file columns, in order (protocol.md §2.15). */
const DETAIL_UPLOAD_COLUMNS = [
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'refd_setl_flag',
] as const;
/** 3202 result-file columns, in order (protocol.md §2.15). */
const DETAIL_RESULT_COLUMNS = ['psn_no', 'mdtrt_id', 'setl_id', 'msgid', 'stmt_rslt', 'refd_setl_flag', 'memo'] as const;
import { FILE_PURPOSE, keepFile, PUBLIC_FILE_OWNER, requireOwnFile } from './files';
import { withoutBom } from '../../../core/bom';

const STMT_DSCR_MAX = 200;

/** stmt_rslt of 3201 (Hunan: 0 平 / 1 不平) and of the 3202 result lines (Jiangxi baseline). */
export const STMT_RESULT = {
  balanced: '0',
  unbalanced: '1',
  centerOnly: '1',
  institutionOnly: '2',
  mismatch: '3',
} as const;

// ---- the period's ledger -----------------------------------------------------------------

function statementFilter(
  ctx: HandlerContext<unknown>,
  d: { stmt_begndate: string; stmt_enddate: string; clr_type: string; setl_optins: string; refd_setl_flag?: string | null },
): StatementFilter {
  if (d.stmt_enddate < d.stmt_begndate) reject(`对账结束日期 ${d.stmt_enddate} 早于开始日期 ${d.stmt_begndate}`);
  const flag = d.refd_setl_flag ?? '';
  if (flag !== '' && flag !== '0' && flag !== '1') reject(`退费结算标志 refd_setl_flag 应为 0 或 1 (或不填), 不是 ${flag}`);
  return {
    fixmedinsCode: ctx.envelope.fixmedins_code,
    begin: `${d.stmt_begndate} 00:00:00`,
    end: `${d.stmt_enddate} 23:59:59`,
    clrType: d.clr_type,
    clrOptins: d.setl_optins,
    refdSetlFlag: flag === '' ? undefined : flag,
  };
}

/** Who is compared with whom in a difference text: the second side is the one said to have more or less. */
type Sides = readonly [first: string, second: string];
const CENTER_VS_INSTITUTION: Sides = ['中心', '机构'];

/** "医疗费总额 中心 12.00 / 机构 12.01 (机构多 0.01)", or null when equal. */
export function describeAmount(name: string, first: Fen, second: Fen, sides: Sides = CENTER_VS_INSTITUTION): string | null {
  if (first === second) return null;
  const diff = subFen(second, first);
  const more = diff > 0;
  const [a, b] = sides;
  return `${name} ${a} ${formatYuan(first)} / ${b} ${formatYuan(second)} (${b}${more ? '多' : '少'} ${formatYuan(more ? diff : negFen(diff))})`;
}

export function describeCount(first: number, second: number, sides: Sides = CENTER_VS_INSTITUTION): string | null {
  if (first === second) return null;
  const [a, b] = sides;
  return `结算笔数 ${a} ${first} / ${b} ${second} (${b}${second > first ? '多' : '少'} ${Math.abs(second - first)})`;
}

// ---- 3201 ------------------------------------------------------------------------------------

/** stmt_rslt_dscr is C200 (protocol.md §2.14): longer texts are cut with an ellipsis. */
export function clipStmtDscr(dscr: string): string {
  return dscr.length > STMT_DSCR_MAX ? `${dscr.slice(0, STMT_DSCR_MAX - 1)}…` : dscr;
}

/** 3201; served through handlers/clearing.ts, which adds the 四川 clearing application of a whole past month. */
export function totalReconcile(ctx: HandlerContext<SandboxInput<'3201'>>) {
  const d = ctx.input.data;
  const filter = { ...statementFilter(ctx, d), insutype: d.insutype };
  const t = ctx.store.settlements.statementTotals(filter);
  const differences = [
    describeAmount('医疗费总额', t.medfeeSumamt, parseYuan(d.medfee_sumamt)),
    describeAmount('基金支付总额', t.fundPaySumamt, parseYuan(d.fund_pay_sumamt)),
    describeAmount('个人账户支付', t.acctPay, parseYuan(d.acct_pay)),
    describeCount(t.count, d.fixmedins_setl_cnt),
  ].filter((x): x is string => x !== null);
  const balanced = differences.length === 0;
  const dscr = balanced
    ? `对账平: ${t.count} 笔, 医疗费总额 ${formatYuan(t.medfeeSumamt)}, 基金支付 ${formatYuan(t.fundPaySumamt)}, 个人账户 ${formatYuan(t.acctPay)}`
    : `对账不平: ${differences.join('; ')}`;
  return {
    output: {
      stmtinfo: {
        setl_optins: d.setl_optins,
        stmt_rslt: balanced ? STMT_RESULT.balanced : STMT_RESULT.unbalanced,
        stmt_rslt_dscr: clipStmtDscr(dscr),
      },
    },
  };
}

// ---- 3202: the upload ---------------------------------------------------------------------

interface UploadLine {
  readonly lineNo: number;
  readonly setlId: string;
  readonly mdtrtId: string;
  readonly psnNo: string;
  readonly medfeeSumamt: Fen;
  readonly fundPaySumamt: Fen;
  readonly acctPay: Fen;
  readonly refdSetlFlag: '0' | '1';
}

function readUploadText(bytes: Uint8Array, filename: string): string {
  const entries = Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/'));
  if (entries.length !== 1) reject(`明细对账文件 ${filename} 应只含一个 TXT 文件, 实际 ${entries.length} 个`);
  const [, content] = entries[0] as [string, Uint8Array];
  try {
    return withoutBom(new TextDecoder('utf-8', { fatal: true }).decode(content));
  } catch {
    reject(`明细对账文件 ${filename} 不是 UTF-8 编码`);
  }
}

function parseUploadLines(text: string): UploadLine[] {
  const out: UploadLine[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const lineNo = i + 1;
    const cells = raw.split('\t').map((c) => (c === NULL_TEXT ? '' : c));
    if (cells.length !== DETAIL_UPLOAD_COLUMNS.length) {
      reject(
        `明细对账文件第 ${lineNo} 行有 ${cells.length} 列, 应为 ${DETAIL_UPLOAD_COLUMNS.length} 列 (${DETAIL_UPLOAD_COLUMNS.join(', ')}), TAB 分隔`,
      );
    }
    const cell = (column: (typeof DETAIL_UPLOAD_COLUMNS)[number]) => cells[DETAIL_UPLOAD_COLUMNS.indexOf(column)] as string;
    const amount = (column: 'medfee_sumamt' | 'fund_pay_sumamt' | 'acct_pay'): Fen => {
      try {
        return parseYuan(cell(column));
      } catch {
        reject(`明细对账文件第 ${lineNo} 行 ${column} "${cell(column)}" 不是金额 (最多 2 位小数)`);
      }
    };
    const setlId = cell('setl_id');
    if (setlId === '') reject(`明细对账文件第 ${lineNo} 行缺少 setl_id`);
    if (seen.has(setlId)) reject(`明细对账文件第 ${lineNo} 行: 结算ID ${setlId} 重复`);
    seen.add(setlId);
    const flag = cell('refd_setl_flag');
    if (flag !== '0' && flag !== '1') reject(`明细对账文件第 ${lineNo} 行 refd_setl_flag 应为 0 或 1, 不是 "${flag}"`);
    out.push({
      lineNo,
      setlId,
      mdtrtId: cell('mdtrt_id'),
      psnNo: cell('psn_no'),
      medfeeSumamt: amount('medfee_sumamt'),
      fundPaySumamt: amount('fund_pay_sumamt'),
      acctPay: amount('acct_pay'),
      refdSetlFlag: flag,
    });
  });
  return out;
}

/**
 * The input's totals describe the uploaded file; a mismatch is a counter bug, refused.
 * cash_payamt has no column in the file, so it cannot be checked against it.
 */
function requireHeaderMatchesFile(d: SandboxInput<'3202'>['data'], lines: readonly UploadLine[]): void {
  const sum = (pick: (l: UploadLine) => Fen) => sumFen(lines.map(pick));
  const sides: Sides = ['文件', '入参'];
  const problems = [
    describeCount(lines.length, d.fixmedins_setl_cnt, sides),
    describeAmount(
      '医疗费总额',
      sum((l) => l.medfeeSumamt),
      parseYuan(d.medfee_sumamt),
      sides,
    ),
    describeAmount(
      '基金支付总额',
      sum((l) => l.fundPaySumamt),
      parseYuan(d.fund_pay_sumamt),
      sides,
    ),
  ].filter((x): x is string => x !== null);
  if (problems.length > 0) reject(`3202 入参合计与上传的明细文件不一致: ${problems.join('; ')}`);
}

// ---- 3202: the comparison -------------------------------------------------------------------

type ResultColumn = (typeof DETAIL_RESULT_COLUMNS)[number];
type ResultLine = Record<ResultColumn, string>;

const refdFlagOf = (r: SettlementRow): '0' | '1' => (r.kind === 'refund' ? '1' : '0');

function compareOne(center: SettlementRow, line: UploadLine): ResultLine {
  const differences = [
    center.mdtrtId === line.mdtrtId ? null : `就诊ID 中心 ${center.mdtrtId} / 机构 ${line.mdtrtId || '空'}`,
    center.psnNo === line.psnNo ? null : '人员编号不符',
    describeAmount('医疗费总额', center.medfeeSumamt, line.medfeeSumamt),
    describeAmount('基金支付', center.fundPaySumamt, line.fundPaySumamt),
    describeAmount('个人账户', center.acctPay, line.acctPay),
    refdFlagOf(center) === line.refdSetlFlag ? null : `退费标志 中心 ${refdFlagOf(center)} / 机构 ${line.refdSetlFlag}`,
  ].filter((x): x is string => x !== null);
  return {
    psn_no: center.psnNo,
    mdtrt_id: center.mdtrtId,
    setl_id: center.setlId,
    msgid: center.msgid,
    stmt_rslt: differences.length === 0 ? STMT_RESULT.balanced : STMT_RESULT.mismatch,
    refd_setl_flag: refdFlagOf(center),
    memo: differences.join('; '),
  };
}

function centerOnly(center: SettlementRow): ResultLine {
  return {
    psn_no: center.psnNo,
    mdtrt_id: center.mdtrtId,
    setl_id: center.setlId,
    msgid: center.msgid,
    stmt_rslt: STMT_RESULT.centerOnly,
    refd_setl_flag: refdFlagOf(center),
    memo: `中心有此结算, 医药机构无: 如机构未完成该交易, 用 msgid 冲正 (2601 oinfno=${center.infno})`,
  };
}

/** A line only the counter has: say why the center does not count it, when it knows. */
function institutionOnly(ctx: HandlerContext<unknown>, line: UploadLine): ResultLine {
  const known = ctx.store.settlements.get(line.setlId);
  const own = known && known.fixmedinsCode === ctx.envelope.fixmedins_code ? known : undefined;
  let memo = '中心无此结算';
  if (own?.state === 'reversed') memo = `中心已冲正该结算 (${own.reversedAt ?? ''}), 不计入对账`;
  else if (own) memo = `结算时间 ${own.setlTime} 不在对账期间, 或清算类别/经办机构/退费标志不符`;
  return {
    psn_no: line.psnNo,
    mdtrt_id: line.mdtrtId,
    setl_id: line.setlId,
    msgid: own?.msgid ?? '',
    stmt_rslt: STMT_RESULT.institutionOnly,
    refd_setl_flag: line.refdSetlFlag,
    memo,
  };
}

/** Center records in ledger order, then the lines only the counter has, in file order. */
function compareDetail(
  ctx: HandlerContext<unknown>,
  ledger: readonly SettlementRow[],
  lines: readonly UploadLine[],
): ResultLine[] {
  const bySetlId = new Map(lines.map((l) => [l.setlId, l]));
  const out: ResultLine[] = [];
  for (const record of ledger) {
    const line = bySetlId.get(record.setlId);
    out.push(line ? compareOne(record, line) : centerOnly(record));
    bySetlId.delete(record.setlId);
  }
  for (const line of bySetlId.values()) out.push(institutionOnly(ctx, line));
  return out;
}

/** TABs and line breaks would break the format; the literal `null` stands for empty (§1.3). */
function txtCell(value: string): string {
  return value === '' ? NULL_TEXT : value.replace(/[\t\r\n]+/g, ' ');
}

function resultZip(lines: readonly ResultLine[], txtName: string): Uint8Array {
  const text = lines.map((l) => DETAIL_RESULT_COLUMNS.map((c) => txtCell(l[c])).join('\t') + '\n').join('');
  return zipSync({ [txtName]: [strToU8(text), { level: 6 }] });
}

function detailReconcile(ctx: HandlerContext<SandboxInput<'3202'>>) {
  const d = ctx.input.data;
  const filter = statementFilter(ctx, d);
  const notAnUpload = `文件查询号 ${d.file_qury_no} 不是本机构 9101 上传的明细对账文件`;
  if (ctx.store.files.get(d.file_qury_no)?.fixmedinsCode === PUBLIC_FILE_OWNER) reject(notAnUpload);
  const upload = requireOwnFile(ctx, d.file_qury_no, ctx.envelope.fixmedins_code);
  if (upload.purpose !== FILE_PURPOSE.upload) reject(notAnUpload);
  const lines = parseUploadLines(readUploadText(upload.bytes, upload.filename));
  requireHeaderMatchesFile(d, lines);

  const results = compareDetail(ctx, ctx.store.settlements.forStatement(filter), lines);
  const base = `3202_${ctx.envelope.fixmedins_code}_${formatCompact(ctx.now)}`;
  const kept = keepFile(ctx, {
    filename: `${base}.zip`,
    owner: ctx.envelope.fixmedins_code,
    purpose: FILE_PURPOSE.statementResult,
    bytes: resultZip(results, `${base}.txt`),
  });
  return { output: { fileinfo: { file_qury_no: kept.fileQuryNo, filename: kept.filename, dld_endtime: kept.expiresAt } } };
}

/** 3201 is registered by handlers/clearing.ts (it wraps totalReconcile). */
export const reconcileHandlers: HandlerTable = {
  '3202': detailReconcile,
};
