/**
 * 医保电子处方 at the pharmacy counter: 授权 → 下载 → 核验 → 审方 → the prescription's drugs become a
 * pharmacy basket (药店购药, 2101 → 2102) → 销售出库 right after the settlement; a refund (2103) is
 * followed by 撤销出库; 配送 / 签收 for a delivery. The region profile gives each step its code
 * (rxCodes): nationally 7201 / 7204 / 7205 / 7206 / 7207 / 7208 / 7209 / 7210; in Hubei 7202 / 7203 /
 * 7204 审核 (核验 and 审方 in one call) / 7205 配送, and no 出库 or 签收 transaction (those steps are
 * recorded locally only). The
 * local record (RxLocalStore) says where each prescription stands, so a step can be repeated or
 * resumed after a restart (e.g. 7207 when the counter stopped right after settling).
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import { maskIdNumber, maskName } from '../core/mask';
import { queryPractitioners } from '../info/center-info';
import { fen, priceNumber, qtyNumber, yuanNumber } from '../core/money';
import type { CounterApp } from '../app/counter-app';
import type { RxCodeStep } from '../registry/profile';
import type { PersonDesk } from '../counter/person';
import type { PharmacySale } from '../counter/pharmacy-sale';
import type { SettlementHistory } from '../counter/settlement-history';
import { outputOf } from '../counter/journal-records';
import { settlementView } from '../counter/settlement-view';
import type { SaleResult, SettlementView } from '../counter/views';
import { rxAuthorizeOutput, rxSaleOutput } from '../protocol/transactions/prescription';
import { basketLinesOf, parseDownloadedRx, type DownloadedRx } from './rx-parse';
import { nextState, rxNextHint, rxStepCode, RX_STATE_LABELS, type RxLocalState, type RxStep } from './rx-state';
import { RxLocalStore, type RxLocalRow } from './rx-store';
import type { PharmacistView, RxContentView, RxView } from './views';

export type { RxView } from './views';

export interface Pharmacist {
  readonly certType: string;
  readonly certno: string;
  readonly name: string;
  readonly pracCertNo: string;
}

export interface DeliveryInfo {
  readonly delvNo: string;
  readonly company: string;
  readonly courier: string;
  readonly tel: string;
  readonly address: string;
  /** 1 待配送, 2 配送中, 3 已送达. */
  readonly status: '1' | '2' | '3';
}

export interface RxSaleOutcome {
  readonly sale: SaleResult;
  /** The 7207 outcome: null when it failed and waits for `rx sale-upload` (the settlement stands). */
  readonly selNo: string | null;
  readonly uploadError: string | null;
  readonly view: RxView;
}

/** The prescription as shown: the person's name masked (the journal keeps the record). */
function contentView(rx: DownloadedRx): RxContentView {
  return {
    issuerName: rx.issuerName,
    prscTime: rx.prscTime,
    validEndTime: rx.validEndTime,
    patnNameMasked: maskName(rx.patnName),
    deptName: rx.deptName,
    drName: rx.drName,
    diagnosis: rx.diagnosis,
    lines: rx.lines.map((l) => ({
      rxDetlNo: l.rxDetlNo,
      code: l.code,
      name: l.name,
      spec: l.spec,
      cntText: String(qtyNumber(l.cnt)),
      unit: l.unit,
      pricText: String(priceNumber(l.pric)),
      amountFen: l.amount,
      usage: l.usage,
    })),
    totalFen: rx.totalFen,
  };
}

/** A basket id for the n-th sale of a prescription (the first is the hi_rxno itself when it fits). */
function basketIdFor(hiRxno: string, attempt: number): string {
  const base = hiRxno.replace(/[^0-9A-Za-z]/g, '').slice(-20);
  return attempt === 0 ? base.padEnd(8, '0') : `${base}R${attempt}`.slice(-24);
}

export class PrescriptionDesk {
  private readonly store: RxLocalStore;

  constructor(
    private readonly app: CounterApp,
    private readonly persons: PersonDesk,
    private readonly pharmacy: PharmacySale,
    private readonly history: SettlementHistory,
  ) {
    this.store = new RxLocalStore(app.db);
  }

  /** rx-state's machine with this region's codes in its messages. */
  private next(state: RxLocalState | 'new', step: RxStep, hiRxno: string): RxLocalState {
    return nextState(state, step, hiRxno, this.app.client.profile.rxCodes);
  }

  private get fixmedinsCode(): string {
    return this.app.loaded.config.institution.fixmedinsCode;
  }

  private now(): string {
    return formatDateTime(new Date());
  }

  private requireLocal(hiRxno: string): RxLocalRow {
    const row = this.store.get(hiRxno, this.fixmedinsCode);
    if (!row)
      throw new YibaoError(
        'E_RX_NOT_FOUND',
        `本药店没有处方 ${hiRxno} 的授权记录, 请先读卡并授权 ${rxStepCode('authorize', this.app.client.profile.rxCodes)}`,
      );
    return row;
  }

  private requireRx(row: RxLocalRow): DownloadedRx {
    if (!row.rxJson || !row.rxTraceCode)
      throw new YibaoError(
        'E_RX_STATE',
        `处方 ${row.hiRxno} 尚未下载, 请先下载 ${rxStepCode('download', this.app.client.profile.rxCodes)}`,
      );
    return parseDownloadedRx(JSON.parse(row.rxJson));
  }

  private call(infno: string, input: Record<string, unknown>) {
    return this.app.callAs(this.app.sessions.require(), infno, input);
  }

  /** The region's code of a step; null where the region has no call for it (recorded locally). */
  private codeOf(step: RxCodeStep): string | null {
    const code = this.app.client.profile.rxCodes[step];
    return code === 'not-used' || code === 'with-audit' ? null : code;
  }

  private requireCode(step: RxCodeStep, what: string): string {
    const code = this.codeOf(step);
    if (!code) {
      throw new YibaoError('E_RX_STEP_NOT_USED', `${this.app.client.profile.name}医保没有「${what}」交易, 此步骤不适用`, {
        step,
      });
    }
    return code;
  }

  /** Hubei's 审核 (7204) also does the 核验: the verify step then sends nothing of its own. */
  private get verifyWithAudit(): boolean {
    return this.app.client.profile.rxCodes.verify === 'with-audit';
  }

  view(row: RxLocalRow): RxView {
    return {
      hiRxno: row.hiRxno,
      state: row.state,
      stateLabel: RX_STATE_LABELS[row.state],
      next: rxNextHint(row.state, this.app.client.profile.rxCodes),
      rx: row.rxJson ? contentView(parseDownloadedRx(JSON.parse(row.rxJson))) : null,
      setlId: row.setlId,
      selNo: row.selNo,
      delvNo: row.delvNo,
      updatedAt: row.updatedAt,
    };
  }

  list(limit = 50): RxView[] {
    return this.store.list(this.fixmedinsCode, limit).map((r) => this.view(r));
  }

  get(hiRxno: string): RxView {
    return this.view(this.requireLocal(hiRxno));
  }

  /** 7201 for the person read at the counter: every open prescription, or just `hiRxno`. */
  async authorize(personKey: string, hiRxno?: string): Promise<RxView[]> {
    const person = this.persons.get(personKey);
    const result = await this.call(this.requireCode('authorize', '电子处方授权 / 查询'), {
      data: {
        psn_no: person.psnNo,
        mdtrt_cert_type: person.triple.mdtrt_cert_type,
        mdtrt_cert_no: person.triple.mdtrt_cert_no,
        ...(person.triple.card_sn ? { card_sn: person.triple.card_sn } : {}),
        psn_cert_type: person.psnCertType,
        certno: person.certno,
        psn_name: person.psnName,
        ...(hiRxno ? { hi_rxno: hiRxno } : {}),
      },
    });
    const { rxlist } = rxAuthorizeOutput.parse(result.output);
    const at = this.now();
    return rxlist.map((rx) => {
      const before = this.store.get(rx.hi_rxno, this.fixmedinsCode);
      this.next(before?.state ?? 'new', 'authorize', rx.hi_rxno);
      this.store.authorize(
        {
          hiRxno: rx.hi_rxno,
          fixmedinsCode: this.fixmedinsCode,
          psnNo: person.psnNo,
          mdtrtCertType: person.triple.mdtrt_cert_type,
          mdtrtCertNo: person.triple.mdtrt_cert_no,
          authRxno: rx.auth_rxno,
        },
        at,
        result.msgid,
      );
      return this.get(rx.hi_rxno);
    });
  }

  /** 7204: the prescription's content, kept locally. */
  async download(hiRxno: string): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    const to = this.next(row.state, 'download', hiRxno);
    const result = await this.call(this.requireCode('download', '电子处方下载'), {
      data: { hi_rxno: hiRxno, auth_rxno: row.authRxno, psn_no: row.psnNo },
    });
    const rx = parseDownloadedRx(result.output);
    if (rx.hiRxno !== hiRxno || rx.psnNo !== row.psnNo) {
      throw new YibaoError('E_RX_ANSWER', `下载的处方 ${rx.hiRxno} 与所请求的处方 ${hiRxno} 或参保人不符`);
    }
    return this.view(
      this.store.transition(row, 'download', to, this.now(), result.msgid, {
        rxTraceCode: rx.rxTraceCode,
        rxJson: JSON.stringify(result.output),
      }),
    );
  }

  /** 7205: still valid, unused, and the person's own. */
  async verify(hiRxno: string): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    const to = this.next(row.state, 'verify', hiRxno);
    const rx = this.requireRx(row);
    // Checked by the center in the 审核 call that follows (its fields travel with it).
    if (this.verifyWithAudit) return this.view(this.store.transition(row, 'verify', to, this.now(), null));
    const result = await this.call(this.requireCode('verify', '电子处方核验'), { data: this.verifyData(row, rx) });
    return this.view(this.store.transition(row, 'verify', to, this.now(), result.msgid));
  }

  private verifyData(row: RxLocalRow, rx: DownloadedRx) {
    return {
      hi_rxno: row.hiRxno,
      rx_trace_code: rx.rxTraceCode,
      psn_no: row.psnNo,
      mdtrt_cert_type: row.mdtrtCertType,
      mdtrt_cert_no: row.mdtrtCertNo,
    };
  }

  /** 7206: the pharmacist's review; a refusal ends the prescription at this pharmacy. */
  async audit(hiRxno: string, pharmacist: Pharmacist, pass: boolean, opinion = ''): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    const to = this.next(row.state, pass ? 'auditPass' : 'auditFail', hiRxno);
    if (!pass && !opinion.trim()) throw new YibaoError('E_RX_OPINION', '审方不通过时请填写审核意见');
    const rx = this.requireRx(row);
    const result = await this.call(this.requireCode('audit', '电子处方审方'), {
      data: {
        ...(this.verifyWithAudit ? this.verifyData(row, rx) : {}),
        hi_rxno: hiRxno,
        rx_trace_code: rx.rxTraceCode,
        phar_cert_type: pharmacist.certType,
        phar_certno: pharmacist.certno,
        phar_name: pharmacist.name,
        phar_prac_cert_no: pharmacist.pracCertNo,
        rx_chk_rslt: pass ? '1' : '0',
        rx_chk_opnn: opinion,
        chk_time: this.now(),
      },
    });
    return this.view(this.store.transition(row, pass ? 'auditPass' : 'auditFail', to, this.now(), result.msgid));
  }

  /** The pharmacists registered for this pharmacy (5102), to choose who reviews. */
  async pharmacists(): Promise<PharmacistView[]> {
    const rows = await queryPractitioners(this.app, { type: '3' }, this.app.sessions.require());
    return rows.map((p) => ({
      code: p.prac_psn_code,
      name: p.prac_psn_name,
      certnoMasked: maskIdNumber(p.certno),
      pracCertNo: p.prac_cert_no ?? '',
    }));
  }

  /** 7206 by a pharmacist chosen by their 5102 code (the screen never handles the ID number). */
  async auditBy(hiRxno: string, pracPsnCode: string, pass: boolean, opinion = ''): Promise<RxView> {
    const [p] = await queryPractitioners(this.app, { type: '3', code: pracPsnCode }, this.app.sessions.require());
    if (!p) throw new YibaoError('E_RX_PHARMACIST', `药师 ${pracPsnCode} 不是本药店登记的药师 (5102)`);
    return this.audit(
      hiRxno,
      { certType: p.psn_cert_type, certno: p.certno, name: p.prac_psn_name, pracCertNo: p.prac_cert_no ?? '' },
      pass,
      opinion,
    );
  }

  /** 转入购药: the pharmacy basket for an audited prescription, remembered so its settlement triggers 7207. */
  basket(hiRxno: string): { basketId: string; lines: ReturnType<typeof basketLinesOf> } {
    const row = this.requireLocal(hiRxno);
    this.next(row.state, 'settle', hiRxno);
    const rx = this.requireRx(row);
    const revokes = this.store.events(hiRxno).filter((e) => e.step === 'saleRevoke').length;
    const basketId = basketIdFor(hiRxno, revokes);
    this.store.setBasket(hiRxno, basketId);
    return { basketId, lines: basketLinesOf(rx) };
  }

  /**
   * Called after every successful pharmacy settlement: when the basket was a prescription's, the
   * prescription is settled and 7207 is sent at once. A failed 7207 leaves the settlement standing
   * and the prescription "已结算, 待上传出库" for `uploadSale`. Null for an ordinary basket.
   */
  async afterSettlement(basketId: string, sale: SaleResult): Promise<RxSaleOutcome | null> {
    const row = this.store.byBasket(basketId);
    if (!row || row.fixmedinsCode !== this.fixmedinsCode) return null;
    const s = sale.settlement;
    if (!s.setlId || !s.mdtrtId) throw new YibaoError('E_RX_ANSWER', '结算应答缺少结算ID或就诊ID');
    let current = row;
    if (row.state === 'audited') {
      current = this.store.transition(row, 'settle', this.next(row.state, 'settle', row.hiRxno), this.now(), s.msgid, {
        setlId: s.setlId,
        mdtrtId: s.mdtrtId,
        settlementMsgid: s.msgid,
      });
    }
    if (current.state !== 'settled' || current.setlId !== s.setlId) {
      // A repeated answer for a basket already uploaded (or moved on): nothing more to send.
      return { sale, selNo: current.selNo, uploadError: null, view: this.view(current) };
    }
    try {
      const view = await this.sendSale(current, s);
      return { sale, selNo: view.selNo, uploadError: null, view };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { sale, selNo: null, uploadError: message, view: this.view(current) };
    }
  }

  /** Settles the prescription's basket (the person read at the counter, a pre-settlement of it done), then 7207. */
  async settle(hiRxno: string, personKey: string, acctUsed: boolean): Promise<RxSaleOutcome> {
    const row = this.requireLocal(hiRxno);
    const person = this.persons.get(personKey);
    if (person.psnNo !== row.psnNo) throw new YibaoError('E_RX_PERSON', `处方 ${hiRxno} 不属于当前读卡的参保人`);
    const { basketId, lines } = this.basket(hiRxno);
    const sale = await this.pharmacy.settle({ basketId, personKey, acctUsed, lines });
    const outcome = await this.afterSettlement(basketId, sale);
    if (!outcome) throw new YibaoError('E_RX_STATE', `处方 ${hiRxno} 的购药单 ${basketId} 未登记`);
    return outcome;
  }

  /** 7207 for a prescription settled earlier (after a failed or interrupted upload). */
  async uploadSale(hiRxno: string): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    this.next(row.state, 'saleUpload', hiRxno);
    return this.sendSale(row, this.settlementOf(row));
  }

  private settlementOf(row: RxLocalRow): SettlementView {
    const found = row.settlementMsgid ? this.history.settlement(row.settlementMsgid, 'pharmacy') : null;
    if (!found) throw new YibaoError('E_RX_STATE', `找不到处方 ${row.hiRxno} 的成功结算记录`);
    return settlementView(found.entry, outputOf(found.entry));
  }

  private async sendSale(row: RxLocalRow, s: SettlementView): Promise<RxView> {
    const to = this.next(row.state, 'saleUpload', row.hiRxno);
    const rx = this.requireRx(row);
    const code = this.codeOf('saleUpload');
    // No 出库 upload in this region: the settlement itself tells the center (recorded locally).
    if (!code) return this.view(this.store.transition(row, 'saleUpload', to, this.now(), null));
    const amount = (f: number) => yuanNumber(fen(f));
    const result = await this.call(code, {
      data: {
        hi_rxno: row.hiRxno,
        rx_trace_code: rx.rxTraceCode,
        psn_no: row.psnNo,
        setl_id: s.setlId,
        mdtrt_id: s.mdtrtId,
        sel_retn_time: s.time || this.now(),
        medfee_sumamt: amount(s.medfeeFen),
        fund_pay_sumamt: amount(s.fundPaySumFen),
        psn_part_amt: amount(s.psnPartFen),
        acct_pay: amount(s.acctPayFen),
        psn_cash_pay: amount(s.psnCashPayFen),
      },
      selinfo: rx.lines.map((l) => ({
        rx_detl_no: l.rxDetlNo,
        med_list_codg: l.code,
        fixmedins_hilist_id: l.code,
        fixmedins_hilist_name: l.name,
        sel_retn_cnt: qtyNumber(l.cnt),
        finl_trns_pric: priceNumber(l.pric),
        sumamt: yuanNumber(l.amount),
      })),
    });
    const { sel_no } = rxSaleOutput.parse(result.output);
    return this.view(this.store.transition(row, 'saleUpload', to, this.now(), result.msgid, { selNo: sel_no }));
  }

  /** 退费: 2103 for the prescription's settlement, then 7208 for its sale (each only when still due). */
  async refund(hiRxno: string, reason: string): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    if (row.state === 'refunded') return this.revokeSale(hiRxno, reason);
    this.next(row.state, 'refund', hiRxno);
    if (!row.settlementMsgid) throw new YibaoError('E_RX_STATE', `处方 ${hiRxno} 没有结算记录`);
    const refund = await this.pharmacy.refund(row.settlementMsgid);
    return (await this.afterRefund(row.settlementMsgid, refund.refund.msgid, reason)) ?? this.get(hiRxno);
  }

  /**
   * Called after every successful pharmacy refund (2103, from the history too): a prescription
   * sold with that settlement gets its sale revoked (7208). Null when it was no prescription's.
   */
  async afterRefund(settlementMsgid: string, refundMsgid: string, reason = '药店退费'): Promise<RxView | null> {
    const row = this.store
      .list(this.fixmedinsCode, 1000)
      .find((r) => r.settlementMsgid === settlementMsgid && (r.state === 'sold' || r.state === 'settled'));
    if (!row) return null;
    const to = this.next(row.state, 'refund', row.hiRxno);
    const refunded = this.store.transition(
      row,
      'refund',
      to,
      this.now(),
      refundMsgid,
      to === 'audited' ? { setlId: null, mdtrtId: null, settlementMsgid: null } : {},
    );
    return refunded.state === 'refunded' ? this.revokeSale(row.hiRxno, reason) : this.view(refunded);
  }

  /** 7208 after the settlement was refunded. */
  async revokeSale(hiRxno: string, reason: string): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    const to = this.next(row.state, 'saleRevoke', hiRxno);
    if (!reason.trim()) throw new YibaoError('E_RX_REASON', '请填写撤销出库的原因');
    const rx = this.requireRx(row);
    const code = this.codeOf('saleRevoke');
    const result = code
      ? await this.call(code, {
          data: { hi_rxno: hiRxno, rx_trace_code: rx.rxTraceCode, sel_no: row.selNo, setl_id: row.setlId, revs_rea: reason },
        })
      : null;
    return this.view(
      this.store.transition(row, 'saleRevoke', to, this.now(), result?.msgid ?? null, {
        selNo: null,
        setlId: null,
        mdtrtId: null,
        settlementMsgid: null,
      }),
    );
  }

  /** 7209: one status of the delivery (待配送 → 配送中 → 已送达). */
  async deliver(hiRxno: string, info: DeliveryInfo): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    const to = this.next(row.state, 'deliver', hiRxno);
    const rx = this.requireRx(row);
    const result = await this.call(this.requireCode('deliver', '配送信息上传'), {
      data: {
        hi_rxno: hiRxno,
        rx_trace_code: rx.rxTraceCode,
        delv_no: info.delvNo,
        delv_entp_name: info.company,
        delver_name: info.courier,
        delver_tel: info.tel,
        delv_addr: info.address,
        delv_stas_codg: info.status,
        delv_stas_time: this.now(),
      },
    });
    return this.view(this.store.transition(row, 'deliver', to, this.now(), result.msgid, { delvNo: info.delvNo }));
  }

  /** 7210: the person signed for the delivered drugs. */
  async sign(hiRxno: string, signer: string): Promise<RxView> {
    const row = this.requireLocal(hiRxno);
    const to = this.next(row.state, 'sign', hiRxno);
    const rx = this.requireRx(row);
    if (!row.delvNo) throw new YibaoError('E_RX_STATE', `处方 ${hiRxno} 没有配送记录`);
    const result = await this.call(this.requireCode('sign', '药品配送签收确认'), {
      data: { hi_rxno: hiRxno, rx_trace_code: rx.rxTraceCode, delv_no: row.delvNo, sign_psn_name: signer, sign_time: this.now() },
    });
    return this.view(this.store.transition(row, 'sign', to, this.now(), result.msgid));
  }
}
