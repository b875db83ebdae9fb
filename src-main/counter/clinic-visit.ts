/**
 * 门诊收费: 挂号 (profile: 2201 / 2201A) → 就诊信息与诊断 (2203 / 2203A) → bills: fee upload 2204
 * under a new chrg_bchno each → 预结算 (2206 / 2206A) → 结算 (2207 / 2207A) exactly once per bill.
 * Refunds go 2208 → 2205 → 2202, each only as far as asked and possible. With a shop store a bill
 * settled at another window is refunded (2208) here by its settlement's msgid (refundByMsgid), and
 * a refund made at another window is answered instead of being sent twice.
 *
 * The visit's state is replayed from the journal (visit-record.ts), so the screen, a restart and
 * a second window all see what the center has. A bill settles only after a successful
 * pre-settlement with the same account choice; a bill already settled answers its settlement.
 */
import { randomInt } from 'node:crypto';
import { YibaoError } from '../core/errors';
import { maskName } from '../core/mask';
import { yuanNumber } from '../core/money';
import { formatCompact, formatDateTime, parseDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import type { JournalEntry } from '../journal/journal-store';
import type { CounterEvents } from './events';
import type { ItemNames } from './item-names';
import type { PriceList } from '../prices/price-list';
import type { MoneyLane } from './money-lane';
import { block, inputOf, outputOf, str, type Json } from './journal-records';
import { coded } from './labels';
import type { PersonDesk } from './person';
import type { RefundReRead } from './safe-control';
import { priorSuccess } from './prior-attempts';
import { earlierRefund, settlementToRefund } from './refund-target';
import { REFUND_CODES, type SettledKey, type SettlementHistory } from './settlement-history';
import { shopRefundsOfVisit } from '../shop/shop-settlements';
import { priceLines, wireLine, type LineEntry } from './sale-lines';
import { PRE_SETTLE_VALID_MS, SettleOnce } from './settle-once';
import { settleAmounts } from './settle-amounts';
import { asRefundView, lineSplitViews, settlementView, type SentLine } from './settlement-view';
import { billTotalFen, billsBlockingCancel, loadVisit, REGISTER_CODES, type BillRecord, type VisitRecord } from './visit-record';
import type { BillView, ClinicRefundStep, RefundResult, SaleResult, SettlementView, VisitSummary, VisitView } from './views';

export interface RegisterRequest {
  readonly personKey: string;
  readonly insuranceIndex?: number;
  readonly medType: string;
  readonly deptCode: string;
  readonly deptName: string;
  readonly caty: string;
  readonly doctorCode: string;
  readonly doctorName: string;
}

export interface VisitInfoRequest {
  readonly mdtrtId: string;
  readonly medType: string;
  readonly mainCondDscr?: string;
  readonly diagnoses: readonly { readonly code: string; readonly name: string }[];
}

export interface BillRequest {
  readonly mdtrtId: string;
  readonly lines: readonly LineEntry[];
}

export interface BillSettleRequest {
  readonly mdtrtId: string;
  readonly chrgBchno: string;
  readonly acctUsed: boolean;
}

export interface ClinicRefundRequest {
  readonly mdtrtId: string;
  /** The bill to refund; omitted to cancel only the registration. */
  readonly chrgBchno?: string;
  /** After 2208, also cancel the bill's fee lines (2205). */
  readonly cancelFees: boolean;
  /** Finally cancel the registration (2202) when nothing is left on the visit. */
  readonly cancelRegistration: boolean;
}

/** Registration variants whose input carries med_type (the others take it at 2203). */
const REGISTER_WITH_MED_TYPE = new Set(['2201A']);
const STATE_LABEL: Record<BillRecord['state'], string> = {
  uploaded: '已上传',
  'pre-settled': '已预结算',
  settled: '已结算',
  refunded: '已退费 (明细待撤销)',
  cancelled: '已撤销',
};

/**
 * The last 4 digits: a random start (another process) then counted on (this process), so numbers made within one
 * second here never collide (four random digits did: 门诊号 已登记 in the acceptance matrix).
 */
let serial = randomInt(0, 10000);
function nextSerial(): string {
  serial = (serial + 1) % 10000;
  return String(serial).padStart(4, '0');
}

function newBillNo(now: Date): string {
  return `CB${formatCompact(now)}${nextSerial()}`;
}

function newOutpatientNo(now: Date): string {
  return `MZ${formatCompact(now)}${nextSerial()}`;
}

export class ClinicVisits {
  /**
   * In flight only: a bill refunded by 2208 may be settled again (seed 003: 只撤销结算重新结算), so a
   * finished settlement is answered from the journal's replay of the bill, not from memory.
   */
  private readonly settling = new SettleOnce<SaleResult>(0);
  private readonly refunding = new SettleOnce<RefundResult>();
  /** In-flight guards only (nothing remembered): a double click must not register or upload twice. */
  private readonly registering = new SettleOnce<string>(0);
  private readonly uploading = new SettleOnce<string>(0);
  /** The whole 2208 → 2205 → 2202 run of one request: 2205 / 2202 are no settlement, but a restart must wait for them too. */
  private readonly undoing = new SettleOnce<{ visit: VisitView; steps: ClinicRefundStep[] }>(0);
  /** psn_no → name from the journal's 1101 answers (every visit view shows it, masked). */
  private readonly personNames = new Map<string, string>();

  constructor(
    private readonly app: CounterApp,
    private readonly persons: PersonDesk,
    private readonly history: SettlementHistory,
    private readonly names: ItemNames,
    private readonly prices: PriceList,
    private readonly events: CounterEvents,
    private readonly lane: MoneyLane,
    private readonly reRead: RefundReRead,
  ) {}

  get busy(): boolean {
    return [this.settling, this.refunding, this.registering, this.uploading, this.undoing].some((g) => g.inFlightCount > 0);
  }

  private get flows() {
    return this.app.client.profile.flows;
  }

  private get fixmedinsCode(): string {
    return this.app.loaded.config.institution.fixmedinsCode;
  }

  private operator() {
    return this.app.sessions.require();
  }

  private async step<T>(op: string, text: string, work: () => Promise<T>): Promise<T> {
    this.events.progress(op, text);
    try {
      return await work();
    } finally {
      this.events.progress(op, `${text} 结束`, true);
    }
  }

  // ---- visit lifecycle ------------------------------------------------------------------

  async register(req: RegisterRequest): Promise<VisitView> {
    const mdtrtId = await this.registering.run(
      req.personKey,
      async () => {
        const person = this.persons.get(req.personKey);
        const row = this.persons.insuranceFor(person, req.insuranceIndex);
        const infno = this.flows.clinicRegister;
        const now = new Date();
        const data: Json = {
          psn_no: person.psnNo,
          insutype: row.insutype,
          begntime: formatDateTime(now),
          mdtrt_cert_type: person.triple.mdtrt_cert_type,
          mdtrt_cert_no: person.triple.mdtrt_cert_no,
          ipt_otp_no: newOutpatientNo(now),
          atddr_no: req.doctorCode,
          dr_name: req.doctorName,
          dept_code: req.deptCode,
          dept_name: req.deptName,
          caty: req.caty,
          ...(REGISTER_WITH_MED_TYPE.has(infno) ? { med_type: req.medType } : {}),
        };
        const result = await this.step('clinic.register', `正在挂号 (${infno})`, () =>
          this.app.callAs(this.operator(), infno, { data }),
        );
        return str(block(result.output as Json, 'data'), 'mdtrt_id');
      },
      (first) => first,
    );
    return this.visit(mdtrtId);
  }

  async visitInfo(req: VisitInfoRequest): Promise<VisitView> {
    const visit = await this.openVisit(req.mdtrtId);
    if (req.diagnoses.length === 0) throw new YibaoError('E_DIAGNOSIS_REQUIRED', '至少录入一条诊断');
    const time = formatDateTime(new Date());
    const first = req.diagnoses[0];
    const input = {
      mdtrtinfo: {
        mdtrt_id: visit.mdtrtId,
        psn_no: visit.psnNo,
        med_type: req.medType,
        begntime: visit.begntime,
        main_cond_dscr: req.mainCondDscr ?? '',
        dise_codg: first?.code ?? '',
        dise_name: first?.name ?? '',
      },
      diseinfo: req.diagnoses.map((d, i) => ({
        diag_type: '1' as const,
        diag_srt_no: i + 1,
        diag_code: d.code,
        diag_name: d.name,
        diag_dept: visit.dept.name,
        dise_dor_no: visit.doctor.code,
        dise_dor_name: visit.doctor.name,
        diag_time: time,
        vali_flag: '1' as const,
      })),
    };
    const infno = this.flows.clinicVisitInfo;
    await this.step('clinic.visitInfo', `正在上传就诊信息 (${infno})`, () => this.app.callAs(this.operator(), infno, input));
    return await this.visit(req.mdtrtId);
  }

  /** Uploads the lines as one new bill (its own chrg_bchno); answers the bill number. */
  async uploadBill(req: BillRequest): Promise<{ visit: VisitView; chrgBchno: string }> {
    const chrgBchno = await this.uploading.run(
      req.mdtrtId,
      async () => {
        const visit = await this.openVisit(req.mdtrtId);
        if (!visit.medType) throw new YibaoError('E_VISIT_INFO_REQUIRED', '请先上传就诊信息和诊断 (2203), 再录入费用');
        const lines = priceLines(req.lines);
        this.names.rememberAll(lines.map((l) => l.entry));
        this.prices.rememberCharged(lines.map((l) => ({ code: l.entry.code, name: l.entry.name, pric: l.pric })));
        const now = new Date();
        const bill = newBillNo(now);
        const time = formatDateTime(now);
        const feedetail = lines.map((l, i) => ({
          ...wireLine(l, `${bill}-${i + 1}`, time),
          mdtrt_id: visit.mdtrtId,
          psn_no: visit.psnNo,
          chrg_bchno: bill,
          bilg_dept_codg: visit.dept.code,
          bilg_dept_name: visit.dept.name,
          bilg_dr_codg: visit.doctor.code,
          bilg_dr_name: visit.doctor.name,
          hosp_appr_flag: '0' as const,
        }));
        const infno = this.flows.clinicFeeUpload;
        await this.step('clinic.uploadBill', `正在上传费用明细 (${infno})`, () =>
          this.app.callAs(this.operator(), infno, { feedetail }),
        );
        return bill;
      },
      (first) => first,
    );
    return { visit: await this.visit(req.mdtrtId), chrgBchno };
  }

  async preSettle(req: BillSettleRequest): Promise<{ visit: VisitView; settlement: SettlementView }> {
    const visit = await this.openVisit(req.mdtrtId);
    const bill = this.billOf(visit, req.chrgBchno);
    if (bill.state === 'settled') throw new YibaoError('E_BILL_SETTLED', `单据 ${bill.chrgBchno} 已结算, 不需要再预结算`);
    if (bill.state === 'cancelled')
      throw new YibaoError('E_BILL_CANCELLED', `单据 ${bill.chrgBchno} 的明细已撤销, 请重新录入费用`);
    const infno = this.flows.clinicPreSettle;
    const result = await this.step('clinic.preSettle', `正在预结算 (${infno})`, () =>
      this.app.callAs(this.operator(), infno, { data: this.settleData(visit, bill, req.acctUsed) }),
    );
    const settlement = settlementView(result, result.output, this.linesOf(bill));
    return { visit: await this.visit(req.mdtrtId), settlement };
  }

  async settle(req: BillSettleRequest): Promise<{ visit: VisitView; result: SaleResult }> {
    const result = await this.settling.run(
      `${req.mdtrtId}/${req.chrgBchno}`,
      () => this.lane.run(() => this.settleOnce(req)),
      (first) => ({ ...first, repeated: true }),
    );
    return { visit: await this.visit(req.mdtrtId), result };
  }

  private async settleOnce(req: BillSettleRequest): Promise<SaleResult> {
    const visit = await this.openVisit(req.mdtrtId);
    const bill = this.billOf(visit, req.chrgBchno);
    if (bill.state === 'settled' && bill.settled) return { settlement: this.viewOf(bill.settled, bill), repeated: true };
    const calls = this.billCalls(bill.chrgBchno, ['2207', '2207A']);
    priorSuccess(
      calls.filter((c) => c.state !== 'ok'),
      `单据 ${bill.chrgBchno} 的结算`,
    );
    if (bill.state !== 'pre-settled' || !bill.pre) {
      throw new YibaoError('E_PRESETTLE_REQUIRED', `单据 ${bill.chrgBchno} 请先预结算 (F5), 与患者确认金额后再结算`);
    }
    const pre = block(inputOf(bill.pre), 'data');
    if (str(pre, 'acct_used_flag') !== (req.acctUsed ? '1' : '0')) {
      throw new YibaoError('E_PRESETTLE_STALE', '个人账户选项在预结算后有改动, 请重新预结算 (F5)');
    }
    if (this.app.journal.clockNow().getTime() - (parseDateTime(bill.pre.preparedAt)?.getTime() ?? 0) > PRE_SETTLE_VALID_MS) {
      throw new YibaoError('E_PRESETTLE_STALE', '预结算已超过 30 分钟, 请重新预结算 (F5)');
    }
    const data = {
      ...this.settleData(visit, bill, req.acctUsed),
      ...settleAmounts(bill.splits, block(outputOf(bill.pre), 'setlinfo')),
    };
    const infno = this.flows.clinicSettle;
    const result = await this.step('clinic.settle', `正在结算 (${infno}), 请勿重复操作`, () =>
      this.app.callAs(this.operator(), infno, { data }),
    );
    return { settlement: settlementView(result, result.output, this.linesOf(bill)), repeated: false };
  }

  /** 2208 → 2205 → 2202, as far as asked; each step only when the previous left nothing in its way. */
  async refund(req: ClinicRefundRequest): Promise<{ visit: VisitView; steps: ClinicRefundStep[] }> {
    // A double Enter joins the run in flight instead of sending 2205 / 2202 a second time.
    const key = [req.mdtrtId, req.chrgBchno ?? '', req.cancelFees, req.cancelRegistration].join('|');
    return this.undoing.run(
      key,
      () => this.undo(req),
      (first) => first,
    );
  }

  private async undo(req: ClinicRefundRequest): Promise<{ visit: VisitView; steps: ClinicRefundStep[] }> {
    const steps: ClinicRefundStep[] = [];
    // The 安全控件 is read again for the last step asked for (its medium covers the steps before).
    const last = req.cancelRegistration
      ? this.flows.clinicRegisterCancel
      : req.cancelFees
        ? this.flows.clinicFeeCancel
        : this.flows.clinicSettleCancel;
    await this.reRead.beforeRefund((await this.loadVisit(req.mdtrtId)).psnNo, last);
    if (req.chrgBchno) {
      let bill = this.billOf(await this.loadVisit(req.mdtrtId), req.chrgBchno);
      if (bill.state === 'settled' && bill.settled) {
        const visit = await this.loadVisit(req.mdtrtId);
        const key = {
          setlId: str(block(outputOf(bill.settled), 'setlinfo'), 'setl_id'),
          mdtrtId: visit.mdtrtId,
          psnNo: visit.psnNo,
        };
        const { refund } = await this.refundSettlement(key, `单据 ${bill.chrgBchno} 的退费`);
        steps.push({ infno: refund.infno, msgid: refund.msgid, what: `单据 ${bill.chrgBchno} 结算已撤销 (退费)`, refund });
        bill = this.billOf(await this.loadVisit(req.mdtrtId), req.chrgBchno);
      }
      if (req.cancelFees && bill.state !== 'cancelled') {
        const visit = await this.loadVisit(req.mdtrtId);
        const infno = this.flows.clinicFeeCancel;
        const result = await this.step('clinic.refund', `正在撤销费用明细 (${infno})`, () =>
          this.app.callAs(this.operator(), infno, {
            data: { mdtrt_id: visit.mdtrtId, chrg_bchno: bill.chrgBchno, psn_no: visit.psnNo },
          }),
        );
        steps.push({ infno, msgid: result.msgid, what: `单据 ${bill.chrgBchno} 费用明细已撤销`, refund: null });
      }
    }
    if (req.cancelRegistration) {
      const visit = await this.loadVisit(req.mdtrtId);
      if (visit.cancelled) throw new YibaoError('E_VISIT_CANCELLED', `就诊 ${visit.mdtrtId} 的挂号已撤销`);
      const blocking = billsBlockingCancel(visit);
      if (blocking.length > 0) {
        const list = blocking.map((b) => `${b.chrgBchno} (${STATE_LABEL[b.state]})`).join('、');
        throw new YibaoError('E_REGISTRATION_IN_USE', `还有单据未撤销: ${list}; 请先对这些单据退费并撤销明细, 再撤销挂号`);
      }
      const infno = this.flows.clinicRegisterCancel;
      const result = await this.step('clinic.refund', `正在撤销挂号 (${infno})`, () =>
        this.app.callAs(this.operator(), infno, {
          data: { psn_no: visit.psnNo, mdtrt_id: visit.mdtrtId, ipt_otp_no: visit.iptOtpNo },
        }),
      );
      steps.push({ infno, msgid: result.msgid, what: '挂号已撤销', refund: null });
    }
    if (steps.length === 0)
      throw new YibaoError('E_NOTHING_TO_REFUND', '没有需要撤销的内容 (单据未结算, 也未选择撤销明细或挂号)');
    return { visit: await this.visit(req.mdtrtId), steps };
  }

  /**
   * 2208 of an outpatient settlement by its msgid: this counter's, or with a shop store one settled
   * at another window (the refund is this counter's call, journaled here; its fee lines and the
   * registration stay with the window that holds the visit). A repeated request answers the first refund.
   */
  async refundByMsgid(msgid: string): Promise<RefundResult> {
    const found = await settlementToRefund(this.app, this.history, msgid, 'clinic');
    if (!found) throw new YibaoError('E_SETTLEMENT_NOT_FOUND', '找不到这笔成功的门诊结算, 不能退费; 请在交易流水中重新选择');
    const { key, insuplcAdmdvs } = found;
    await this.reRead.beforeRefund(key.psnNo, this.flows.clinicSettleCancel);
    return this.refundSettlement(key, '该笔门诊退费', insuplcAdmdvs);
  }

  /** 2208 once per settlement: a refund made already, here or at another counter of the shop, is answered instead. */
  private async refundSettlement(key: SettledKey, what: string, insuplcAdmdvs?: string): Promise<RefundResult> {
    return this.refunding.run(
      key.setlId,
      () =>
        this.lane.run(async () => {
          const earlier = await earlierRefund(this.app, this.history, key.setlId, 'clinic', what);
          if (earlier) return { refund: this.refundViewOf(earlier), repeated: true };
          const infno = this.flows.clinicSettleCancel;
          const result = await this.step('clinic.refund', `正在撤销结算 (${infno})`, () =>
            this.app.callAs(
              this.operator(),
              infno,
              { data: { setl_id: key.setlId, mdtrt_id: key.mdtrtId, psn_no: key.psnNo } },
              insuplcAdmdvs ? { insuplcAdmdvs } : {},
            ),
          );
          return { refund: asRefundView(settlementView(result, result.output)), repeated: false };
        }),
      (first) => ({ ...first, repeated: true }),
    );
  }

  // ---- reading ------------------------------------------------------------------------------

  async visit(mdtrtId: string): Promise<VisitView> {
    return this.viewOfVisit(await this.loadVisit(mdtrtId));
  }

  /** Registrations of this institution, newest first. */
  recent(limit = 50): VisitSummary[] {
    const registrations = this.app.journal.list({
      infnos: REGISTER_CODES,
      states: ['ok'],
      fixmedinsCode: this.fixmedinsCode,
      limit,
    });
    const oldest = registrations.at(-1)?.preparedAt;
    const cancelled = new Set(
      oldest
        ? this.app.journal
            .list({ infno: '2202', states: ['ok'], fixmedinsCode: this.fixmedinsCode, since: oldest, limit: 100_000 })
            .map((e) => str(block(inputOf(e), 'data'), 'mdtrt_id'))
        : [],
    );
    return registrations.map((e) => {
      const mdtrtId = str(block(outputOf(e), 'data'), 'mdtrt_id');
      const d = block(inputOf(e), 'data');
      const name = this.nameOf(str(d, 'psn_no'));
      return {
        mdtrtId,
        iptOtpNo: str(d, 'ipt_otp_no'),
        psnNameMasked: name ? maskName(name) : '',
        registeredAt: e.preparedAt,
        cancelled: cancelled.has(mdtrtId),
      };
    });
  }

  /**
   * The visit from this counter's journal; with a shop store also the refunds (2208) of its bills
   * made at another window, so a bill refunded there is not settled here any more.
   */
  private async loadVisit(mdtrtId: string): Promise<VisitRecord> {
    const elsewhere = this.app.shop ? await shopRefundsOfVisit(this.app.shop, mdtrtId, REFUND_CODES.clinic) : [];
    return loadVisit(this.app.journal, this.fixmedinsCode, mdtrtId, elsewhere);
  }

  private async openVisit(mdtrtId: string): Promise<VisitRecord> {
    const visit = await this.loadVisit(mdtrtId);
    if (visit.cancelled) throw new YibaoError('E_VISIT_CANCELLED', `就诊 ${mdtrtId} 的挂号已撤销, 请重新挂号`);
    return visit;
  }

  private billOf(visit: VisitRecord, chrgBchno: string): BillRecord {
    const bill = visit.bills.get(chrgBchno);
    if (!bill) throw new YibaoError('E_BILL_NOT_FOUND', `本次就诊没有单据 ${chrgBchno}`);
    return bill;
  }

  private billCalls(chrgBchno: string, infnos: readonly string[]): JournalEntry[] {
    return this.app.journal.list({
      infnos,
      fixmedinsCode: this.fixmedinsCode,
      key: { field: 'chrg_bchno', value: chrgBchno },
      originalsOnly: true,
      limit: 100,
    });
  }

  /** The fields 2206 and 2207 share: the person as registered, the bill's total. */
  private settleData(visit: VisitRecord, bill: BillRecord, acctUsed: boolean) {
    if (!visit.medType) throw new YibaoError('E_VISIT_INFO_REQUIRED', '请先上传就诊信息和诊断 (2203)');
    const cardSn = visit.cert.mdtrt_cert_type === '03' ? this.cardSnOf(visit.cert.mdtrt_cert_no) : '';
    return {
      psn_no: visit.psnNo,
      mdtrt_cert_type: visit.cert.mdtrt_cert_type,
      mdtrt_cert_no: visit.cert.mdtrt_cert_no,
      ...(cardSn ? { card_sn: cardSn } : {}),
      med_type: visit.medType,
      medfee_sumamt: yuanNumber(billTotalFen(bill)),
      psn_setlway: '01' as const,
      mdtrt_id: visit.mdtrtId,
      chrg_bchno: bill.chrgBchno,
      insutype: visit.insutype,
      acct_used_flag: acctUsed ? ('1' as const) : ('0' as const),
    };
  }

  /** A 社保卡's card_sn as the 1101 read it (2201 does not carry it; 2206 / 2207 must). */
  private cardSnOf(cardNo: string): string {
    const read = this.app.journal.list({
      infno: '1101',
      states: ['ok'],
      fixmedinsCode: this.fixmedinsCode,
      key: { field: 'mdtrt_cert_no', value: cardNo },
      limit: 1,
    })[0];
    return read ? str(block(inputOf(read), 'data'), 'card_sn') : '';
  }

  /** The person's name as the center answered 1101 (registration and fee calls do not carry it). */
  private nameOf(psnNo: string): string {
    const known = this.personNames.get(psnNo);
    if (known !== undefined) return known;
    const read = this.app.journal.list({
      infno: '1101',
      states: ['ok'],
      fixmedinsCode: this.fixmedinsCode,
      key: { field: 'psn_no', value: psnNo },
      limit: 1,
    })[0];
    const name = read ? str(block(outputOf(read), 'baseinfo'), 'psn_name') : '';
    // A psn_no names one person for good; an unknown one is looked up again next time.
    if (name) this.personNames.set(psnNo, name);
    return name;
  }

  private sentLinesOf(bill: BillRecord): SentLine[] {
    return bill.lines.map((l) => {
      const code = str(l, 'med_list_codg');
      return { sn: str(l, 'feedetl_sn'), code, name: this.names.nameOf(code), cntText: str(l, 'cnt'), pricText: str(l, 'pric') };
    });
  }

  private linesOf(bill: BillRecord) {
    return lineSplitViews(bill.splits, this.sentLinesOf(bill));
  }

  private viewOf(entry: JournalEntry, bill: BillRecord): SettlementView {
    return settlementView(entry, outputOf(entry), this.linesOf(bill));
  }

  private refundViewOf(entry: JournalEntry): SettlementView {
    return asRefundView(settlementView(entry, outputOf(entry)));
  }

  private viewOfVisit(visit: VisitRecord): VisitView {
    const bills: BillView[] = [...visit.bills.values()].map((b) => ({
      chrgBchno: b.chrgBchno,
      state: b.state,
      stateLabel: STATE_LABEL[b.state],
      lines: this.linesOf(b),
      medfeeFen: billTotalFen(b),
      uploadedAt: b.uploadedAt,
      preSettlement: b.pre ? this.viewOf(b.pre, b) : null,
      settlement: b.settled && b.state !== 'uploaded' && b.state !== 'pre-settled' ? this.viewOf(b.settled, b) : null,
      refund: b.refund ? this.refundViewOf(b.refund) : null,
    }));
    const name = visit.psnName || this.nameOf(visit.psnNo);
    return {
      mdtrtId: visit.mdtrtId,
      iptOtpNo: visit.iptOtpNo,
      psnNameMasked: name ? maskName(name) : '',
      insutype: coded('insutype', visit.insutype),
      registerInfno: visit.register.infno,
      registeredAt: visit.register.preparedAt,
      medType: visit.medType ? coded('med_type', visit.medType) : null,
      diagnoses: visit.diagnoses,
      doctorName: visit.doctor.name,
      deptName: visit.dept.name,
      bills,
      cancelled: visit.cancelled,
      canCancelRegistration: !visit.cancelled && billsBlockingCancel(visit).length === 0,
    };
  }
}
