/**
 * 药店购药: a basket of lines for a read person → 预结算 (2101 / 2101A per the profile) → 结算
 * (2102 / 2102A) exactly once → 2103 refund from the history.
 *
 * Exactly once: each basket has an id chosen by the screen; the line serials are
 * `<basket>-<n>`, so every call for a basket is findable in the journal. A settle request for a
 * basket that already settled answers that settlement (after a restart too); one in flight is
 * joined; one whose outcome is open or needs a person blocks a new call. A settlement must
 * follow a successful pre-settlement of exactly the same lines, person and account choice.
 */
import { YibaoError } from '../core/errors';
import { parseDateTime, formatDateTime } from '../core/time';
import { yuanNumber } from '../core/money';
import type { CounterApp } from '../app/counter-app';
import type { JournalEntry } from '../journal/journal-store';
import type { CounterEvents } from './events';
import type { ItemNames } from './item-names';
import type { PriceList } from '../prices/price-list';
import type { MoneyLane } from './money-lane';
import { block, inputOf, outputOf, rows, str, type Json } from './journal-records';
import type { PersonDesk } from './person';
import type { RefundReRead } from './safe-control';
import { priorSuccess } from './prior-attempts';
import { priceLines, sentLine, totalOf, wireLine, type LineEntry } from './sale-lines';
import { PRE_SETTLE_VALID_MS, SettleOnce } from './settle-once';
import { SETTLE_CODES, type SettlementHistory } from './settlement-history';
import { earlierRefund, settlementToRefund } from './refund-target';
import { asRefundView, lineSplitViews, settlementView, type SentLine } from './settlement-view';
import type { RefundResult, SaleResult, SettlementView } from './views';

export interface SaleRequest {
  /** Chosen by the screen for each new basket: 8–24 letters or digits. */
  readonly basketId: string;
  readonly personKey: string;
  readonly insuranceIndex?: number;
  readonly acctUsed: boolean;
  readonly lines: readonly LineEntry[];
}

export const BASKET_ID_RE = /^[0-9A-Za-z]{8,24}$/;
const PRE_SETTLE_CODES = ['2101', '2101A'];
/** 定点药店购药 */
const PHARMACY_MED_TYPE = '41';

/** What must be identical between the pre-settlement the person agreed to and the settlement. */
function fingerprint(input: Json): string {
  const d = block(input, 'druginfo');
  const lines = rows(input, 'drugdetail').map((l) => [l['med_list_codg'], l['medins_list_codg'], l['cnt'], l['pric']]);
  return JSON.stringify([d['psn_no'], d['insutype'], d['psn_type'], d['acct_used_flag'], d['medfee_sumamt'], lines]);
}

export class PharmacySale {
  private readonly settling = new SettleOnce<SaleResult>();
  private readonly refunding = new SettleOnce<RefundResult>();

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
    return this.settling.inFlightCount > 0 || this.refunding.inFlightCount > 0;
  }

  private get flows() {
    return this.app.client.profile.flows;
  }

  private get fixmedinsCode(): string {
    return this.app.loaded.config.institution.fixmedinsCode;
  }

  /** The 2101 / 2102 input for a basket (the same for both, so the center computes the same). */
  buildInput(req: SaleRequest, now = new Date()): { input: Json; sent: SentLine[] } {
    if (!BASKET_ID_RE.test(req.basketId)) throw new YibaoError('E_BASKET_ID', '购物单编号无效, 请新建一单');
    const person = this.persons.get(req.personKey);
    const row = this.persons.insuranceFor(person, req.insuranceIndex);
    const lines = priceLines(req.lines);
    this.names.rememberAll(lines.map((l) => l.entry));
    this.prices.rememberCharged(lines.map((l) => ({ code: l.entry.code, name: l.entry.name, pric: l.pric })));
    const time = formatDateTime(now);
    const sns = lines.map((_, i) => `${req.basketId}-${i + 1}`);
    const input = {
      druginfo: {
        psn_no: person.psnNo,
        mdtrt_cert_type: person.triple.mdtrt_cert_type,
        mdtrt_cert_no: person.triple.mdtrt_cert_no,
        ...(person.triple.card_sn ? { card_sn: person.triple.card_sn } : {}),
        psn_cert_type: person.psnCertType,
        certno: person.certno,
        psn_type: row.psn_type,
        psn_name: person.psnName,
        begntime: time,
        medfee_sumamt: yuanNumber(totalOf(lines)),
        insutype: row.insutype,
        acct_used_flag: req.acctUsed ? '1' : '0',
        med_type: PHARMACY_MED_TYPE,
      },
      drugdetail: lines.map((l, i) => wireLine(l, sns[i] ?? '', time)),
    };
    return { input, sent: lines.map((l, i) => sentLine(l, sns[i] ?? '')) };
  }

  async preSettle(req: SaleRequest): Promise<SettlementView> {
    const { input, sent } = this.buildInput(req);
    const infno = this.flows.pharmacyPreSettle;
    this.events.progress('pharmacy.preSettle', `正在预结算 (${infno})`);
    try {
      const result = await this.app.callAs(this.app.sessions.require(), infno, input);
      const output = result.output as Json;
      return settlementView(result, output, lineSplitViews(rows(output, 'detlcutinfo'), sent));
    } finally {
      this.events.progress('pharmacy.preSettle', '预结算结束', true);
    }
  }

  async settle(req: SaleRequest): Promise<SaleResult> {
    if (!BASKET_ID_RE.test(req.basketId)) throw new YibaoError('E_BASKET_ID', '购物单编号无效, 请新建一单');
    return this.settling.run(
      req.basketId,
      () => this.lane.run(() => this.settleOnce(req)),
      (first) => ({ ...first, repeated: true }),
    );
  }

  private async settleOnce(req: SaleRequest): Promise<SaleResult> {
    const earlier = priorSuccess(this.basketCalls(req.basketId, SETTLE_CODES.pharmacy), '本单结算');
    if (earlier) return { settlement: this.viewOfSettlement(earlier), repeated: true };

    const { input, sent } = this.buildInput(req);
    this.requireAgreedPreSettlement(req.basketId, input);
    const infno = this.flows.pharmacySettle;
    this.events.progress('pharmacy.settle', `正在结算 (${infno}), 请勿重复操作`);
    try {
      const result = await this.app.callAs(this.app.sessions.require(), infno, input);
      const output = result.output as Json;
      const settlement = settlementView(result, output, lineSplitViews(rows(output, 'detlcutinfo'), sent));
      return { settlement, repeated: false };
    } finally {
      this.events.progress('pharmacy.settle', '结算结束', true);
    }
  }

  /** 2103 for a settlement of the history; a repeated request answers the first refund. */
  async refund(settlementMsgid: string): Promise<RefundResult> {
    const found = await settlementToRefund(this.app, this.history, settlementMsgid, 'pharmacy');
    if (!found) throw new YibaoError('E_SETTLEMENT_NOT_FOUND', '找不到这笔成功的药店结算, 不能退费; 请在历史中重新选择');
    const { key, insuplcAdmdvs } = found;
    return this.refunding.run(
      key.setlId,
      () =>
        this.lane.run(async () => {
          const earlier = await earlierRefund(this.app, this.history, key.setlId, 'pharmacy', '该笔退费');
          if (earlier) return { refund: this.viewOfRefund(earlier), repeated: true };
          const infno = this.flows.pharmacyRefund;
          await this.reRead.beforeRefund(key.psnNo, infno);
          this.events.progress('pharmacy.refund', `正在退费 (${infno})`);
          try {
            const result = await this.app.callAs(
              this.app.sessions.require(),
              infno,
              { data: { setl_id: key.setlId, mdtrt_id: key.mdtrtId, psn_no: key.psnNo } },
              insuplcAdmdvs ? { insuplcAdmdvs } : {},
            );
            return { refund: asRefundView(settlementView(result, result.output)), repeated: false };
          } finally {
            this.events.progress('pharmacy.refund', '退费结束', true);
          }
        }),
      (first) => ({ ...first, repeated: true }),
    );
  }

  /** Every call of the given codes for this basket, newest first. */
  private basketCalls(basketId: string, infnos: readonly string[]): JournalEntry[] {
    return this.app.journal.list({
      infnos,
      fixmedinsCode: this.fixmedinsCode,
      key: { field: 'feedetl_sn', value: `${basketId}-1` },
      originalsOnly: true,
      limit: 100,
    });
  }

  private requireAgreedPreSettlement(basketId: string, input: Json): void {
    const pre = this.basketCalls(basketId, PRE_SETTLE_CODES).find((e) => e.state === 'ok');
    if (!pre) throw new YibaoError('E_PRESETTLE_REQUIRED', '请先预结算 (F5), 与参保人确认金额后再结算');
    if (fingerprint(inputOf(pre)) !== fingerprint(input)) {
      throw new YibaoError('E_PRESETTLE_STALE', '预结算之后明细、参保信息或个人账户选项有改动, 请重新预结算 (F5)');
    }
    const at = parseDateTime(pre.preparedAt)?.getTime() ?? 0;
    if (this.app.journal.clockNow().getTime() - at > PRE_SETTLE_VALID_MS) {
      throw new YibaoError('E_PRESETTLE_STALE', '预结算已超过 30 分钟, 账户余额可能已变化, 请重新预结算 (F5)');
    }
  }

  private sentLinesOf(entry: JournalEntry): SentLine[] {
    return rows(inputOf(entry), 'drugdetail').map((l) => {
      const code = str(l, 'med_list_codg');
      return { sn: str(l, 'feedetl_sn'), code, name: this.names.nameOf(code), cntText: str(l, 'cnt'), pricText: str(l, 'pric') };
    });
  }

  private viewOfSettlement(entry: JournalEntry): SettlementView {
    const output = outputOf(entry) ?? {};
    return settlementView(entry, output, lineSplitViews(rows(output, 'detlcutinfo'), this.sentLinesOf(entry)));
  }

  private viewOfRefund(entry: JournalEntry): SettlementView {
    return asRefundView(settlementView(entry, outputOf(entry)));
  }
}
