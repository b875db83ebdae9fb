/**
 * 明细审核 for a clinic visit: the visit's bills as the journal recorded them (2201 / 2203 /
 * 2204) become the 3101 (事前, before the bill is uploaded or settled) or 3102 (事中, against
 * what the center already holds) request; the hits come back as warnings the cashier or doctor
 * either accepts (3103 dspo_way 2 返回修改) or overrides with a reason (dspo_way 1 继续执行).
 */
import { randomUUID } from 'node:crypto';
import { YibaoError } from '../core/errors';
import { parseYuan, priceNumber, qtyNumber, sumFen, yuanNumber } from '../core/money';
import { formatDateTime } from '../core/time';
import { priceLines, type LineEntry } from '../counter/sale-lines';
import type { CounterApp } from '../app/counter-app';
import { block, jsonPair, outputOf, str, type Json } from '../counter/journal-records';
import { loadVisit, type VisitRecord } from '../counter/visit-record';
import { auditFeedbackOutput, detailAuditOutput, type AuditHit } from '../protocol/transactions/audit';

export type AuditStage = 'pre' | 'during';

export interface AuditDecision {
  readonly jrId: string;
  /** continue: 继续执行 (needs a reason); modify: 返回修改. */
  readonly action: 'continue' | 'modify';
  readonly reason?: string;
}

export interface AuditReport {
  readonly infno: '3101' | '3102';
  readonly taskId: string;
  readonly mdtrtId: string;
  readonly hits: readonly AuditHit[];
}

/** 西药 / 中成药 / 中药饮片 fee types count as drug orders (hilist_type 1), anything else as 2. */
const DRUG_FEE_TYPES = new Set(['09', '10', '11']);
const SYSCODE = 'YIBAOCTR';

export class DetailAudit {
  constructor(private readonly app: CounterApp) {}

  private get institution() {
    return this.app.loaded.config.institution;
  }

  /** Name, gender and birth date of the person from the latest 1101 answer in the journal. */
  private personOf(psnNo: string): { name: string; gend: string; brdy: string } {
    const entry = this.app.journal
      .list({ infnos: ['1101'], states: ['ok'], textContains: jsonPair('psn_no', psnNo), limit: 5 })
      .find((e) => str(block(outputOf(e), 'baseinfo'), 'psn_no') === psnNo);
    if (!entry) throw new YibaoError('E_PERSON_UNKNOWN', `本机没有人员 ${psnNo} 的读卡记录 (1101), 请先读卡`);
    const base = block(outputOf(entry), 'baseinfo');
    // brdy is optional in 1101 (protocol.md §2.3); an ID number (psn_cert_type 01) carries it.
    return { name: str(base, 'psn_name'), gend: str(base, 'gend'), brdy: str(base, 'brdy') || birthDateOfIdNumber(base) };
  }

  /** Order lines of the visit's uploaded bills (all, or one chrg_bchno), as the journal recorded them. */
  private ordersOfBills(visit: VisitRecord, chrgBchno?: string): Json[] {
    const bills = [...visit.bills.values()].filter((b) => b.state !== 'cancelled' && (!chrgBchno || b.chrgBchno === chrgBchno));
    if (bills.length === 0) throw new YibaoError('E_AUDIT_EMPTY', `就诊 ${visit.mdtrtId} 没有可审核的费用明细`);
    return bills.flatMap((bill) =>
      bill.lines.map((line, i) => {
        const split = bill.splits.find((s) => str(s, 'feedetl_sn') === str(line, 'feedetl_sn')) ?? bill.splits[i] ?? {};
        const feeType = str(split, 'med_chrgitm_type');
        const code = str(line, 'med_list_codg');
        return {
          rx_id: str(line, 'feedetl_sn'),
          rxno: str(line, 'rxno') || bill.chrgBchno,
          long_drord_flag: '0',
          hilist_type: DRUG_FEE_TYPES.has(feeType) ? '1' : '2',
          chrg_type: feeType || '99',
          hilist_code: code,
          // The center names the item from its own catalogue; the counter sends the code it billed.
          hilist_name: code,
          hilist_lv: str(split, 'chrgitm_lv'),
          hilist_pric: line['pric'],
          hosplist_code: str(line, 'medins_list_codg') || code,
          hosplist_name: str(line, 'medins_list_codg') || code,
          cnt: line['cnt'],
          pric: line['pric'],
          sumamt: line['det_item_fee_sumamt'],
          drord_begn_date: str(line, 'fee_ocur_time') || visit.begntime,
          drord_dr_codg: visit.doctor.code,
          drord_dr_name: visit.doctor.name,
        };
      }),
    );
  }

  /** Order lines of a bill still being entered (事前, before 2204): D1, D2 … in the order shown. */
  private ordersOfDraft(visit: VisitRecord, entries: readonly LineEntry[], now: string): Json[] {
    return priceLines(entries).map((l, i) => ({
      rx_id: `D${i + 1}`,
      rxno: visit.mdtrtId,
      long_drord_flag: '0',
      hilist_type: '2',
      chrg_type: '99',
      hilist_code: l.entry.code,
      hilist_name: l.entry.name || l.entry.code,
      hilist_pric: priceNumber(l.pric),
      hosplist_code: l.entry.medinsCode || l.entry.code,
      hosplist_name: l.entry.name || l.entry.code,
      cnt: qtyNumber(l.cnt),
      pric: priceNumber(l.pric),
      sumamt: yuanNumber(l.amount),
      drord_begn_date: now,
      drord_dr_codg: visit.doctor.code,
      drord_dr_name: visit.doctor.name,
    }));
  }

  /** The 3101 / 3102 input for these order lines of the visit. */
  buildInput(visit: VisitRecord, stage: AuditStage, orders: readonly Json[]): { input: Json; taskId: string } {
    const person = this.personOf(visit.psnNo);
    const total = sumFen(orders.map((o) => parseYuan(o['sumamt'] as number)));
    const main = visit.diagnoses[0];
    const taskId = randomUUID().replace(/-/g, '');
    const input = {
      data: {
        syscode: SYSCODE,
        task_id: taskId,
        trig_scen: stage === 'pre' ? '1' : '2',
        patient_dtos: [
          {
            patn_id: visit.psnNo,
            patn_name: person.name,
            gend: person.gend === '2' ? '2' : person.gend === '1' ? '1' : '9',
            brdy: person.brdy,
            poolarea: this.institution.mdtrtareaAdmvs,
            curr_mdtrt_id: visit.mdtrtId,
            fsi_encounter_dtos: [
              {
                mdtrt_id: visit.mdtrtId,
                medins_id: this.institution.fixmedinsCode,
                medins_name: this.institution.fixmedinsName,
                medins_admdvs: this.institution.mdtrtareaAdmvs,
                medins_type: '1',
                adm_date: visit.begntime,
                ...(main ? { dscg_main_dise_codg: main.code, dscg_main_dise_name: main.name } : {}),
                dr_codg: visit.doctor.code,
                adm_dept_codg: visit.dept.code,
                adm_dept_name: visit.dept.name,
                med_mdtrt_type: '1',
                med_type: visit.medType ?? '11',
                medfee_sumamt: yuanNumber(total),
                insutype: visit.insutype,
                reim_flag: '1',
                out_setl_flag: '0',
                fsi_diagnose_dtos: visit.diagnoses.map((d, i) => ({
                  dise_id: `${visit.mdtrtId}-${i + 1}`,
                  inout_dise_type: '1',
                  maindise_flag: i === 0 ? '1' : '0',
                  dias_srt_no: i + 1,
                  dise_codg: d.code,
                  dise_name: d.name,
                  dise_date: visit.begntime,
                })),
                fsi_order_dtos: orders,
              },
            ],
          },
        ],
      },
    };
    return { input, taskId };
  }

  /** 3101 / 3102 of the visit's uploaded bills (all, or one). */
  async run(mdtrtId: string, stage: AuditStage, chrgBchno?: string): Promise<AuditReport> {
    const visit = loadVisit(this.app.journal, this.institution.fixmedinsCode, mdtrtId);
    return this.send(visit, stage, this.ordersOfBills(visit, chrgBchno));
  }

  /** 3101 of a bill before it is uploaded (2204): the lines as the cashier entered them, rx_id D1, D2 …. */
  async checkDraft(mdtrtId: string, entries: readonly LineEntry[]): Promise<AuditReport> {
    const visit = loadVisit(this.app.journal, this.institution.fixmedinsCode, mdtrtId);
    return this.send(visit, 'pre', this.ordersOfDraft(visit, entries, formatDateTime(new Date())));
  }

  private async send(visit: VisitRecord, stage: AuditStage, orders: readonly Json[]): Promise<AuditReport> {
    const mdtrtId = visit.mdtrtId;
    const { input, taskId } = this.buildInput(visit, stage, orders);
    const infno = stage === 'pre' ? '3101' : '3102';
    const result = await this.app.callAs(this.app.sessions.require(), infno, input);
    return { infno, taskId, mdtrtId, hits: detailAuditOutput.parse(result.output).result };
  }

  /** 3103: what was done with each warning of one 3101 (warn_type 1) or 3102 (2) answer. */
  async feedback(stage: AuditStage, decisions: readonly AuditDecision[]): Promise<number> {
    if (decisions.length === 0) throw new YibaoError('E_USAGE', '至少给出一条违规的处理方式');
    for (const d of decisions) {
      if (d.action === 'continue' && !d.reason?.trim()) {
        throw new YibaoError('E_AUDIT_REASON', `违规 ${d.jrId} 选择继续执行时必须说明理由`);
      }
    }
    const result = await this.app.callAs(this.app.sessions.require(), '3103', {
      data: {
        warn_type: stage === 'pre' ? '1' : '2',
        warns: decisions.map((d) => ({
          warn_rslt_id: d.jrId,
          dspo_way: d.action === 'continue' ? '1' : '2',
          ...(d.reason ? { dspo_way_rea: d.reason } : {}),
        })),
      },
    });
    return auditFeedbackOutput.parse(result.output).handled ?? decisions.length;
  }
}

/** yyyy-MM-dd from an 18-digit 居民身份证 number, or '' for any other document. */
function birthDateOfIdNumber(base: Json): string {
  const certno = str(base, 'certno');
  if (str(base, 'psn_cert_type') !== '01' || !/^\d{17}[\dXx]$/.test(certno)) return '';
  return `${certno.slice(6, 10)}-${certno.slice(10, 12)}-${certno.slice(12, 14)}`;
}
