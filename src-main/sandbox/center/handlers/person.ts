/** 1101 人员信息获取 (by 01 电子凭证 / 02 身份证 / 03 社保卡) and 2001 人员待遇享受检查. */
import type { SandboxInput } from '../../spec/input-rules';
import { yuanNumber } from '../../amounts';
import { FUNDS } from '../../policy';
import { reject } from '../reject';
import { isFirstContact, requireInsured } from '../settling';
import { ageOn, formatDate } from '../../../core/time';
import type { HandlerContext, HandlerTable } from '../context';

function personInfo(ctx: HandlerContext<SandboxInput<'1101'>>) {
  const d = ctx.input.data;
  const person = ctx.store.persons.getByCredential(d.mdtrt_cert_type, d.mdtrt_cert_no);
  const what = { '01': '电子凭证令牌', '02': '身份证号', '03': '社会保障卡号' }[d.mdtrt_cert_type];
  if (!person) reject(`未查询到参保人: ${what} ${d.mdtrt_cert_no} 不存在`);
  if (d.mdtrt_cert_type === '03' && person.cardSn !== d.card_sn) reject('社会保障卡卡识别码 card_sn 与卡号不符 (请重新读卡)');
  if (d.certno !== person.certno) reject('证件号码 certno 与就诊凭证对应的参保人不符');
  if (d.psn_name !== person.psnName) reject('姓名 psn_name 与证件号码对应的参保人不符');

  const record = ctx.store.persons.record(person.psnNo);
  if (!record) reject(`人员编号 ${person.psnNo} 不存在`);
  return {
    output: {
      baseinfo: {
        psn_no: person.psnNo,
        psn_cert_type: person.psnCertType,
        certno: person.certno,
        psn_name: person.psnName,
        gend: person.gend,
        naty: person.naty,
        brdy: person.brdy,
        age: ageOn(person.brdy, formatDate(ctx.now)),
      },
      insuinfo: record.insurance.map((i) => ({
        balc: yuanNumber(i.balc),
        insutype: i.insutype,
        psn_type: i.psnType,
        psn_insu_stas: i.psnInsuStas,
        psn_insu_date: i.psnInsuDate ?? '',
        paus_insu_date: i.pausInsuDate ?? '',
        cvlserv_flag: i.cvlservFlag,
        insuplc_admdvs: i.insuplcAdmdvs,
        emp_name: i.empName ?? '',
      })),
      idetinfo: record.identities.map((r) => ({
        psn_idet_type: r.psnIdetType,
        psn_type_lv: r.psnTypeLv ?? '',
        memo: r.memo ?? '',
        begntime: r.begntime,
        endtime: r.endtime ?? '',
      })),
    },
  };
}

/** 2001: which funds the person may use for this medical category at this institution. */
/** fund_pay_type of the employee personal account (the policy engine reports it in acct_pay, not setldetail). */
const EMPLOYEE_ACCOUNT_FUND = '310200';

function treatmentCheck(ctx: HandlerContext<SandboxInput<'2001'>>) {
  const d = ctx.input.data;
  if (d.fixmedins_code !== ctx.envelope.fixmedins_code) reject('入参 fixmedins_code 与报文头机构编码不一致');
  const insured = requireInsured(ctx.store, d.psn_no, d.insutype);
  const ins = insured.insurance;
  const fund = d.insutype === '310' ? FUNDS.hifp310 : d.insutype === '340' ? FUNDS.retiredCadre : FUNDS.hifp390;
  const rows: Record<string, unknown>[] = [];
  const push = (fundPayType: string, ok: boolean, why: string) =>
    rows.push({
      psn_no: d.psn_no,
      trt_chk_type: '1',
      fund_pay_type: fundPayType,
      trt_enjymnt_flag: ok ? '1' : '0',
      begndate: `${ctx.now.getUTCFullYear()}-01-01`,
      enddate: `${ctx.now.getUTCFullYear()}-12-31`,
      trt_chk_rslt: why,
    });
  if (d.med_type === '14' && ctx.store.persons.chronicFilings(d.psn_no).length === 0) {
    push(fund.code, false, '无门诊慢特病备案, 不享受门诊慢特病待遇');
  } else if (ins.collegeStudent && d.med_type === '11' && !isFirstContact(ins, ctx.envelope.fixmedins_code)) {
    push(fund.code, false, '大学生门诊统筹仅在首诊医疗机构享受');
  } else {
    push(fund.code, true, '享受');
  }
  if (ins.insutype === '310') push(EMPLOYEE_ACCOUNT_FUND, ins.balc > 0, ins.balc > 0 ? '享受' : '个人账户余额为零');
  if (ins.assistance) push(FUNDS.assistance.code, true, '享受医疗救助');
  return { output: { trtinfo: rows } };
}

export const personHandlers: HandlerTable = { '1101': personInfo, '2001': treatmentCheck };
