/** Inputs for a clinic visit through the counter: 2201 → 2203 → 2204 → 2206/2207, and 2208. */
import { formatDateTime } from '../../src-main/core/time';
import {
  lineAmount,
  parsePrice,
  parseQty,
  parseYuan,
  priceNumber,
  sumFen,
  yuanNumber,
  type Fen,
} from '../../src-main/core/money';
import type { PersonRow, SandboxStore } from '../../src-main/sandbox/store';
import type { SaleLine } from './sandbox-fixtures';

/** What 2201 needs besides the person for an ordinary outpatient visit to 内科 (counter services' register). */
export const OUTPATIENT_VISIT = {
  medType: '11',
  deptCode: 'NK01',
  deptName: '内科',
  caty: 'A03',
  doctorCode: 'D420100000001',
  doctorName: '张医生',
} as const;

let serial = 0;

export function registrationInput(person: PersonRow, insutype = '310', now = new Date()) {
  serial += 1;
  return {
    data: {
      psn_no: person.psnNo,
      insutype,
      begntime: formatDateTime(now),
      mdtrt_cert_type: '02' as const,
      mdtrt_cert_no: person.certno,
      ipt_otp_no: `MZ${now.getTime()}${process.pid}${serial}`,
      atddr_no: 'D420100000001',
      dr_name: '张医生',
      dept_code: 'NK01',
      dept_name: '内科',
      caty: 'A03',
    },
  };
}

export function visitInfoInput(person: PersonRow, mdtrtId: string, medType = '11', now = new Date()) {
  const t = formatDateTime(now);
  return {
    mdtrtinfo: { mdtrt_id: mdtrtId, psn_no: person.psnNo, med_type: medType, begntime: t, main_cond_dscr: '咳嗽三天' },
    diseinfo: [
      {
        diag_type: '1' as const,
        diag_srt_no: 1,
        diag_code: 'J06.900',
        diag_name: '急性上呼吸道感染',
        diag_dept: '内科',
        dise_dor_no: 'D420100000001',
        dise_dor_name: '张医生',
        diag_time: t,
        vali_flag: '1' as const,
      },
    ],
  };
}

/** 2204 input: every line in one bill `chrgBchno`, serials prefixed so bills never collide. */
export function feeUploadInput(
  person: PersonRow,
  mdtrtId: string,
  chrgBchno: string,
  lines: readonly SaleLine[],
  now = new Date(),
) {
  const t = formatDateTime(now);
  return {
    feedetail: lines.map((l, i) => ({
      feedetl_sn: `${chrgBchno}-${i + 1}`,
      mdtrt_id: mdtrtId,
      psn_no: person.psnNo,
      chrg_bchno: chrgBchno,
      rx_circ_flag: '0' as const,
      fee_ocur_time: t,
      med_list_codg: l.item.code,
      medins_list_codg: `LOCAL-${l.item.rid}`,
      det_item_fee_sumamt: yuanNumber(lineAmount(parseQty(l.cnt), parsePrice(l.pric))),
      cnt: Number(l.cnt),
      pric: priceNumber(parsePrice(l.pric)),
      bilg_dept_codg: 'NK01',
      bilg_dept_name: '内科',
      bilg_dr_codg: 'D420100000001',
      bilg_dr_name: '张医生',
      hosp_appr_flag: '0' as const,
    })),
  };
}

interface SplitRow {
  det_item_fee_sumamt: number;
  fulamt_ownpay_amt: number;
  overlmt_amt: number;
  preselfpay_amt: number;
  inscp_scp_amt: number;
}

/** 2206 / 2207 input for one bill, amounts summed from the 2204 answer (protocol.md §5.7). */
export function settleInput(
  store: SandboxStore,
  person: PersonRow,
  mdtrtId: string,
  chrgBchno: string,
  split: readonly SplitRow[],
  withAmounts = true,
) {
  const ins = store.persons.insurance(person.psnNo)[0];
  if (!ins) throw new Error(`${person.psnNo} has no insurance`);
  const sum = (pick: (r: SplitRow) => number): number => yuanNumber(sumFen(split.map((r) => parseYuan(pick(r)) as Fen)));
  const base = {
    psn_no: person.psnNo,
    mdtrt_cert_type: '02' as const,
    mdtrt_cert_no: person.certno,
    med_type: '11',
    medfee_sumamt: sum((r) => r.det_item_fee_sumamt),
    psn_setlway: '01' as const,
    mdtrt_id: mdtrtId,
    chrg_bchno: chrgBchno,
    insutype: ins.insutype,
    acct_used_flag: '1' as const,
  };
  if (!withAmounts) return { data: base };
  return {
    data: {
      ...base,
      fulamt_ownpay_amt: sum((r) => r.fulamt_ownpay_amt),
      overlmt_selfpay: sum((r) => r.overlmt_amt),
      preselfpay_amt: sum((r) => r.preselfpay_amt),
      inscp_scp_amt: sum((r) => r.inscp_scp_amt),
    },
  };
}
