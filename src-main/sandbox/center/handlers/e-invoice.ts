/**
 * 电子结算凭证 4901 / 4902 / 4905 / 5501. One voucher per settlement of this institution. The
 * upload is accepted when the settlement exists; its check (amount = the settlement's
 * medfee_sumamt, a date not before the settlement) is what 4902 reports, as a real center
 * checks asynchronously. 4905 replaces a voucher (after a failed check, or a corrected one);
 * 5501 shows the voucher's standing, 已冲红 once the settlement was refunded or reversed.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { formatYuan, parseYuan, yuanNumber } from '../../amounts';
import { EinvoiceRepo, type EinvoiceRow } from '../../store/e-invoices';
import type { SettlementRecord } from '../../store';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

type UploadInput = SandboxInput<'4901'>;

function requireSettlement(ctx: HandlerContext<unknown>, setlId: string): SettlementRecord {
  const record = ctx.store.settlements.get(setlId);
  if (!record || record.fixmedinsCode !== ctx.envelope.fixmedins_code || record.kind !== 'settle')
    reject(`结算ID ${setlId} 不存在`);
  return record;
}

/** The voucher check: what 4902 will answer. */
function check(d: UploadInput['data'], setl: SettlementRecord): { stas: '1' | '2'; dscr: string } {
  const amt = parseYuan(d.einv_amt);
  if (amt !== setl.medfeeSumamt) {
    return { stas: '2', dscr: `票据金额 ${formatYuan(amt)} 与结算医疗费总额 ${formatYuan(setl.medfeeSumamt)} 不符` };
  }
  if (d.einv_date < setl.setlTime.slice(0, 10)) return { stas: '2', dscr: `开票日期 ${d.einv_date} 早于结算日期` };
  return { stas: '1', dscr: '上传成功' };
}

function store(ctx: HandlerContext<UploadInput>, replacing: boolean) {
  const d = ctx.input.data;
  const setl = requireSettlement(ctx, d.setl_id);
  if (setl.mdtrtId !== d.mdtrt_id || setl.psnNo !== d.psn_no) reject(`结算ID ${d.setl_id} 与就诊ID/人员编号不符`);
  if (setl.state !== 'settled') reject(`结算ID ${d.setl_id} 已撤销或冲正, 不能上传电子结算凭证`);
  const repo = new EinvoiceRepo(ctx.store.db);
  const held = repo.get(d.setl_id);
  if (!replacing && held) reject(`结算ID ${d.setl_id} 已上传电子结算凭证 (${held.upldNo}), 如需更正请用 4905 重新上传`);
  if (replacing && !held) reject(`结算ID ${d.setl_id} 尚未上传电子结算凭证, 请用 4901 上传`);
  const result = check(d, setl);
  const upldNo = `EV${ctx.nowText.replace(/\D/g, '').slice(0, 8)}${String(ctx.store.meta.nextSequence('einv_upld_no')).padStart(8, '0')}`;
  repo.put({
    setlId: d.setl_id,
    fixmedinsCode: ctx.envelope.fixmedins_code,
    upldNo,
    einvCode: d.einv_code,
    einvNo: d.einv_no,
    einvChkcode: d.einv_chkcode,
    einvAmt: parseYuan(d.einv_amt),
    einvDate: d.einv_date,
    einvUrl: d.einv_url || null,
    upldStas: result.stas,
    upldStasDscr: result.dscr,
    upldTime: ctx.nowText,
  });
  return { output: { setl_id: d.setl_id, upld_no: upldNo } };
}

function requireVoucher(ctx: HandlerContext<unknown>, setlId: string): EinvoiceRow {
  requireSettlement(ctx, setlId);
  const held = new EinvoiceRepo(ctx.store.db).get(setlId);
  if (!held) reject(`结算ID ${setlId} 尚未上传电子结算凭证`);
  return held;
}

function uploadResult(ctx: HandlerContext<SandboxInput<'4902'>>) {
  const held = requireVoucher(ctx, ctx.input.data.setl_id);
  return {
    output: {
      setl_id: held.setlId,
      upld_no: held.upldNo,
      upld_stas: held.upldStas,
      upld_stas_dscr: held.upldStasDscr ?? '',
      upld_time: held.upldTime,
      upld_cnt: held.upldCnt,
    },
  };
}

function status(ctx: HandlerContext<SandboxInput<'5501'>>) {
  const setl = requireSettlement(ctx, ctx.input.data.setl_id);
  const held = new EinvoiceRepo(ctx.store.db).get(setl.setlId);
  const base = { setl_id: setl.setlId, einv_no: held?.einvNo ?? '', einv_amt: held ? yuanNumber(held.einvAmt) : null };
  if (!held) return { output: { ...base, einv_stas: '0', einv_stas_dscr: '未上传' } };
  if (setl.state !== 'settled') {
    return {
      output: {
        ...base,
        einv_stas: '3',
        einv_stas_dscr: setl.state === 'cancelled' ? '结算已撤销, 凭证已冲红' : '结算已冲正, 凭证已冲红',
      },
    };
  }
  if (held.upldStas === '2') return { output: { ...base, einv_stas: '2', einv_stas_dscr: held.upldStasDscr ?? '校验失败' } };
  return { output: { ...base, einv_stas: '1', einv_stas_dscr: '正常' } };
}

export const einvoiceHandlers: HandlerTable = {
  '4901': (ctx) => store(ctx as HandlerContext<UploadInput>, false),
  '4905': (ctx) => store(ctx as HandlerContext<UploadInput>, true),
  '4902': uploadResult,
  '5501': status,
};
