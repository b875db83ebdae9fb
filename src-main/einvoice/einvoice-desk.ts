/**
 * 电子结算凭证 for a settlement the counter made: 4901 upload, 4902 the center's check of it,
 * 4905 re-upload (after a failed check or a corrected voucher), 5501 the voucher's standing. The
 * settlement (its mdtrt_id, psn_no and total) comes from the journal, so only the setl_id and the
 * voucher's own numbers are asked for. Where the region has its own 财政电子票据 transactions (四川
 * S3301 upload / S3302 query, profile regionCodes), the same voucher goes by them.
 */
import { YibaoError } from '../core/errors';
import { formatDate } from '../core/time';
import { formatYuan, parseYuan, yuanNumber, type Fen } from '../core/money';
import type { CounterApp } from '../app/counter-app';
import type { SettlementHistory } from '../counter/settlement-history';
import { outputOf } from '../counter/journal-records';
import { settlementView } from '../counter/settlement-view';
import { einvoiceResultOutput, einvoiceStatusOutput, einvoiceUploadOutput } from '../protocol/transactions/e-invoice';
import { fiscalInvoiceQueryOutput } from '../protocol/transactions/sichuan';
import { regionCode } from '../region/region-code';

export interface Voucher {
  /** 票据代码 */
  readonly code: string;
  /** 票据号码 */
  readonly number: string;
  /** 校验码 */
  readonly checkCode: string;
  /** Decimal yuan; default: the settlement's 医疗费总额. */
  readonly amountText?: string;
  /** yyyy-MM-dd; default today. */
  readonly date?: string;
  readonly url?: string;
}

export interface UploadView {
  readonly setlId: string;
  readonly upldNo: string;
  readonly amountFen: Fen;
}

export const UPLOAD_STATES = { '0': '处理中', '1': '上传成功', '2': '校验失败' } as const;
export const VOUCHER_STATES = { '0': '未上传', '1': '正常', '2': '校验失败', '3': '已冲红' } as const;
/** Shown when an answer leaves its state out (optional, issue 16). */
const NOT_STATED = '中心未返回状态';

export class EinvoiceDesk {
  constructor(
    private readonly app: CounterApp,
    private readonly history: SettlementHistory,
  ) {}

  private settlement(setlId: string) {
    const found = this.history.bySetlId(setlId);
    if (!found) throw new YibaoError('E_SETTLEMENT_NOT_FOUND', `本机没有结算ID ${setlId} 的成功结算记录, 请核对结算ID`);
    return { key: found.key, view: settlementView(found.entry, outputOf(found.entry)) };
  }

  private async send(infno: string, setlId: string, voucher: Voucher): Promise<UploadView> {
    const { key, view } = this.settlement(setlId);
    let amount = view.medfeeFen as Fen;
    if (voucher.amountText !== undefined) {
      try {
        amount = parseYuan(voucher.amountText);
      } catch {
        throw new YibaoError('E_USAGE', `票据金额「${voucher.amountText}」不是有效金额`);
      }
    }
    const result = await this.app.callAs(this.app.sessions.require(), infno, {
      data: {
        setl_id: key.setlId,
        mdtrt_id: key.mdtrtId,
        psn_no: key.psnNo,
        einv_code: voucher.code,
        einv_no: voucher.number,
        einv_chkcode: voucher.checkCode,
        einv_amt: yuanNumber(amount),
        einv_date: voucher.date ?? formatDate(new Date()),
        ...(voucher.url ? { einv_url: voucher.url } : {}),
      },
    });
    const out = einvoiceUploadOutput.parse(result.output);
    return { setlId: out.setl_id ?? key.setlId, upldNo: out.upld_no ?? '', amountFen: amount };
  }

  upload(setlId: string, voucher: Voucher): Promise<UploadView> {
    return this.send('4901', setlId, voucher);
  }

  reupload(setlId: string, voucher: Voucher): Promise<UploadView> {
    return this.send('4905', setlId, voucher);
  }

  /** The region's 财政电子票据 upload (四川 S3301): the same voucher of one settlement. */
  fiscalUpload(setlId: string, voucher: Voucher): Promise<UploadView> {
    return this.send(regionCode(this.app, 'fiscalInvoiceUpload'), setlId, voucher);
  }

  /** The region's 财政电子票据 query (四川 S3302): the voucher the center holds for a settlement. */
  async fiscalQuery(setlId: string) {
    const infno = regionCode(this.app, 'fiscalInvoiceQuery');
    this.settlement(setlId);
    const result = await this.app.callAs(this.app.sessions.require(), infno, { data: { setl_id: setlId } });
    const out = fiscalInvoiceQueryOutput.parse(result.output);
    return { ...out, amountText: out.einv_amt == null ? '' : formatYuan(parseYuan(out.einv_amt)) };
  }

  /** 4902: the center's check of the last upload. */
  async result(setlId: string) {
    const result = await this.app.callAs(this.app.sessions.require(), '4902', { data: { setl_id: setlId } });
    const out = einvoiceResultOutput.parse(result.output);
    return { ...out, label: out.upld_stas === null ? NOT_STATED : UPLOAD_STATES[out.upld_stas] };
  }

  /** 5501: the voucher's standing (正常 / 校验失败 / 已冲红 after a refund). */
  async status(setlId: string) {
    const result = await this.app.callAs(this.app.sessions.require(), '5501', { data: { setl_id: setlId } });
    const out = einvoiceStatusOutput.parse(result.output);
    return {
      ...out,
      label: out.einv_stas === null ? NOT_STATED : VOUCHER_STATES[out.einv_stas],
      amountText: out.einv_amt == null ? '' : formatYuan(parseYuan(out.einv_amt)),
    };
  }
}
