/**
 * Pharmacy 2101(A) pre-settle, 2102(A) settle, 2103 refund. 2101/2102 upload the lines
 * and settle in one call; pre-settle changes nothing.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { toProtocolSettlement } from '../../policy';
import { reject } from '../reject';
import {
  cancelSettlement,
  computeFor,
  feeItemsOf,
  recordSettlement,
  requireInsured,
  requireTotal,
  settlementOutput,
  type PersonAndInsurance,
} from '../settling';
import { duplicateSn, toFeeLine } from '../fee-lines';
import type { HandlerContext, HandlerTable } from '../context';

type PreSettleInput = SandboxInput<'2101'>;
type SettleInput = SandboxInput<'2102'>;

/** The credential and identity fields must all name the same insured person. */
function requireSamePerson(ctx: HandlerContext<PreSettleInput>): PersonAndInsurance {
  const d = ctx.input.druginfo;
  const insured = requireInsured(ctx.store, d.psn_no, d.insutype);
  const byCredential = ctx.store.persons.getByCredential(d.mdtrt_cert_type, d.mdtrt_cert_no);
  if (!byCredential || byCredential.psnNo !== d.psn_no) reject('就诊凭证与人员编号 psn_no 不是同一参保人');
  if (d.mdtrt_cert_type === '03' && byCredential.cardSn !== d.card_sn) reject('社会保障卡卡识别码 card_sn 不符');
  if (insured.person.certno !== d.certno || insured.person.psnName !== d.psn_name) reject('证件号码或姓名与人员编号不符');
  if (insured.insurance.psnType !== d.psn_type)
    reject(`人员类别 psn_type ${d.psn_type} 与参保信息 (${insured.insurance.psnType}) 不符`);
  if (ctx.institution.type !== '2') reject('药店结算 (2101/2102) 只能由定点零售药店发起');
  const dup = duplicateSn(ctx.input.drugdetail);
  if (dup) reject(`明细流水号 feedetl_sn ${dup} 重复`);
  return insured;
}

function compute(ctx: HandlerContext<PreSettleInput>) {
  const insured = requireSamePerson(ctx);
  const d = ctx.input.druginfo;
  const items = feeItemsOf(ctx.store, ctx.input.drugdetail);
  requireTotal(d.medfee_sumamt, items);
  const result = computeFor({
    ctx,
    insured,
    items,
    medType: d.med_type,
    acctUsed: d.acct_used_flag === '1',
    diseCodg: d.dise_codg || null,
  });
  return { insured, result };
}

function preSettle(ctx: HandlerContext<PreSettleInput>) {
  const { insured, result } = compute(ctx);
  const p = toProtocolSettlement(result);
  return {
    output: {
      setlinfo: { ...p.setlinfo, psn_no: insured.person.psnNo, psn_name: insured.person.psnName, setl_time: ctx.nowText },
      setldetail: p.setldetail,
      detlcutinfo: p.detlcutinfo,
    },
  };
}

function settle(ctx: HandlerContext<SettleInput>) {
  const { insured, result } = compute(ctx);
  const d = ctx.input.druginfo;
  const mdtrtId = ctx.ids.mdtrtId(ctx.now);
  const chrgBchno = ctx.envelope.msgid;
  ctx.store.visits.register({
    mdtrtId,
    psnNo: insured.person.psnNo,
    fixmedinsCode: ctx.envelope.fixmedins_code,
    iptOtpNo: null,
    insutype: d.insutype,
    medType: d.med_type,
    begntime: d.begntime,
    mdtrtCertType: d.mdtrt_cert_type,
    mdtrtCertNo: d.mdtrt_cert_no,
    cardSn: d.card_sn || null,
    atddrNo: null,
    drName: null,
    deptCode: null,
    deptName: null,
    caty: null,
    mainCondDscr: null,
    diseCodg: d.dise_codg || null,
    diseName: d.dise_name || null,
    at: ctx.nowText,
  });
  ctx.store.visits.uploadLines(
    ctx.input.drugdetail.map((wire, i) => {
      const split = result.lines[i];
      if (!split) throw new Error('policy returned fewer lines than uploaded');
      return toFeeLine(wire, split, { mdtrtId, psnNo: insured.person.psnNo, chrgBchno });
    }),
    ctx.nowText,
  );
  const record = recordSettlement(ctx, insured, result, {
    setlId: ctx.ids.setlId(ctx.now),
    mdtrtId,
    chrgBchno,
    mdtrtCertType: d.mdtrt_cert_type,
    invono: d.invono || null,
  });
  return { output: { ...settlementOutput(ctx.store, record), detlcutinfo: toProtocolSettlement(result).detlcutinfo } };
}

function refund(ctx: HandlerContext<SandboxInput<'2103'>>) {
  return cancelSettlement(ctx, ctx.input.data, ['2102', '2102A'], '药店结算');
}

export const pharmacyHandlers: HandlerTable = {
  '2101': preSettle,
  '2101A': preSettle,
  '2102': settle,
  '2102A': settle,
  '2103': refund,
};
