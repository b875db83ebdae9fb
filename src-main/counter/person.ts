/**
 * 读卡: 1101 人员信息获取 for a credential, the choice of insurance row, and the 2001 待遇检查 for
 * the counter's medical category. The read person stays on the main side under a random key;
 * screens get a masked view and send the key back, so a settlement always uses exactly the
 * identity the center returned.
 */
import { randomBytes } from 'node:crypto';
import { YibaoError } from '../core/errors';
import { maskCardNo, maskIdNumber } from '../core/mask';
import { formatDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import type { CredentialTriple } from '../devices/person-info';
import { devSafeInfoFor } from '../devices/safe-medium';
import type { SafeInfo } from '../devices/types';
import type { Insuinfo, PersonInfoOutput } from '../protocol/transactions/person';
import { isCenterCallError } from '../protocol/call-errors';
import { readableCredential, type CredentialEntry } from './credential-entry';
import { fenOf } from './settlement-view';
import { coded, labelOf } from './labels';
import type { InsuranceView, InsuredRegion, PersonView, TreatmentCheck, TreatmentRow } from './views';

export interface PersonContext {
  readonly key: string;
  readonly triple: CredentialTriple;
  readonly psnNo: string;
  readonly psnCertType: string;
  readonly certno: string;
  readonly psnName: string;
  readonly gend: string;
  readonly brdy: string;
  readonly age: number | null;
  readonly insurances: readonly Insuinfo[];
  readonly chosen: number;
  readonly treatment: TreatmentCheck;
  readonly readAt: string;
  /** The visit code the 安全控件 medium of this read was obtained for; null for a read without one. */
  readonly safeMediumFor: string | null;
}

/** How long a read person may be used for a settlement without reading the card again. */
const KEEP_MS = 4 * 60 * 60 * 1000;
const MAX_KEPT = 200;

export function regionOf(institutionAdmvs: string, insuplcAdmdvs: string): InsuredRegion {
  if (insuplcAdmdvs === institutionAdmvs) return 'local';
  if (insuplcAdmdvs.slice(0, 2) === institutionAdmvs.slice(0, 2)) return 'province';
  return 'other-province';
}

const REGION_LABEL: Record<InsuredRegion, string> = { local: '本地', province: '省内异地', 'other-province': '跨省异地' };

/** The row a settlement uses by default: the first active one (参保缴费), else the first. */
export function defaultInsuranceIndex(rows: readonly Insuinfo[]): number {
  const active = rows.findIndex((r) => r.psn_insu_stas === undefined || r.psn_insu_stas === '' || r.psn_insu_stas === '1');
  return active >= 0 ? active : 0;
}

export class PersonDesk {
  private readonly kept = new Map<string, { ctx: PersonContext; at: number }>();

  constructor(private readonly app: CounterApp) {}

  /** The medical category the counter checks treatment for (2001): 41 at a pharmacy, 11 at a clinic. */
  get counterMedType(): string {
    return this.app.loaded.config.institution.kind === 'pharmacy' ? '41' : '11';
  }

  /** 1101 for a credential; `safeInfo` is the visit's 安全控件 medium (counter/safe-control.ts), kept for its calls. */
  async read(entry: CredentialEntry, safeInfo: SafeInfo | null = null): Promise<PersonContext> {
    const operator = this.app.sessions.require();
    const readable = readableCredential(entry);
    const result = await this.app.callAs(operator, '1101', readable.input, { devSafeInfo: devSafeInfoFor(safeInfo, '1101') });
    const out = result.output as PersonInfoOutput;
    const base = out.baseinfo;
    const chosen = defaultInsuranceIndex(out.insuinfo);
    const partial = {
      key: randomBytes(12).toString('base64url'),
      triple: readable.triple,
      psnNo: base.psn_no,
      psnCertType: base.psn_cert_type || readable.input.data.psn_cert_type,
      certno: base.certno,
      psnName: base.psn_name,
      gend: base.gend ?? '',
      brdy: base.brdy ?? '',
      age: base.age,
      insurances: out.insuinfo,
      chosen,
      readAt: formatDateTime(new Date()),
      safeMediumFor: safeInfo?.infno ?? null,
    };
    // A new read starts a new visit: its medium (or none) replaces the person's earlier one.
    this.app.safeMedia.remember(base.psn_no, safeInfo);
    const treatment = await this.checkTreatment(partial.psnNo, out.insuinfo[chosen]);
    return this.keep({ ...partial, treatment });
  }

  /** Switches the insurance row and checks treatment again for it. */
  async choose(key: string, index: number): Promise<PersonContext> {
    const ctx = this.get(key);
    const row = ctx.insurances[index];
    if (!row) throw new YibaoError('E_PERSON_INSURANCE', `该参保人没有第 ${index + 1} 条参保信息`);
    const treatment = await this.checkTreatment(ctx.psnNo, row);
    return this.keep({ ...ctx, chosen: index, treatment });
  }

  get(key: string): PersonContext {
    const kept = this.kept.get(key);
    if (!kept || Date.now() - kept.at > KEEP_MS) {
      this.kept.delete(key);
      throw new YibaoError('E_PERSON_EXPIRED', '参保人信息已过期或程序已重启, 请重新读卡 (F1)');
    }
    return kept.ctx;
  }

  /** The insurance row a settlement for this person uses; refuses a suspended one. */
  insuranceFor(ctx: PersonContext, index?: number): Insuinfo {
    const row = ctx.insurances[index ?? ctx.chosen];
    if (!row) throw new YibaoError('E_PERSON_INSURANCE', '所选参保信息不存在, 请重新读卡');
    if (row.psn_insu_stas && row.psn_insu_stas !== '1') {
      throw new YibaoError(
        'E_PERSON_NOT_INSURED',
        `该参保人参保状态为「${labelOf('psn_insu_stas', row.psn_insu_stas)}」, 不能医保结算; 请改为自费或请参保人到医保经办机构核实`,
      );
    }
    return row;
  }

  view(ctx: PersonContext): PersonView {
    const admvs = this.app.loaded.config.institution.mdtrtareaAdmvs;
    return {
      key: ctx.key,
      name: ctx.psnName,
      gender: labelOf('gend', ctx.gend),
      age: ctx.age,
      birthDate: ctx.brdy,
      certnoMasked: maskIdNumber(ctx.certno),
      credential: coded('mdtrt_cert_type', ctx.triple.mdtrt_cert_type),
      credentialNoMasked:
        ctx.triple.mdtrt_cert_type === '02' ? maskIdNumber(ctx.triple.mdtrt_cert_no) : maskCardNo(ctx.triple.mdtrt_cert_no),
      psnNoMasked: maskCardNo(ctx.psnNo),
      insurances: ctx.insurances.map((row, index) => insuranceView(row, index, admvs)),
      chosen: ctx.chosen,
      treatment: ctx.treatment,
      readAt: ctx.readAt,
      safeMedium: this.safeMediumNote(ctx),
    };
  }

  /** What the 读卡 panel says about the 安全控件 where the profile uses one. */
  private safeMediumNote(ctx: PersonContext): PersonView['safeMedium'] {
    if (ctx.safeMediumFor) {
      return { obtained: true, text: `已取得安全控件校验介质 (交易 ${ctx.safeMediumFor}), 本次就医的交易将带上它` };
    }
    if (!this.app.client.profile.safeControl) return null;
    const text =
      `本次读卡未经安全控件, 没有校验介质: ${this.app.client.profile.name}医保要求通过安全控件读取电子凭证或社保卡后再结算, ` +
      '该参保人现在只能查询, 不能医保结算: 请按 F5 读卡器读卡; 手工输入身份证号不能结算';
    return { obtained: false, text };
  }

  private keep(ctx: PersonContext): PersonContext {
    this.kept.delete(ctx.key);
    this.kept.set(ctx.key, { ctx, at: Date.now() });
    while (this.kept.size > MAX_KEPT) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.kept.delete(oldest);
    }
    return ctx;
  }

  /** 2001 for the chosen row; a failure is shown on the panel, it does not undo the read. */
  private async checkTreatment(psnNo: string, row: Insuinfo | undefined): Promise<TreatmentCheck> {
    const medType = coded('med_type', this.counterMedType);
    if (!row) return { medType, rows: null, error: '没有参保信息, 无法做待遇检查' };
    try {
      const result = await this.app.callAs(this.app.sessions.require(), '2001', {
        data: {
          psn_no: psnNo,
          insutype: row.insutype,
          fixmedins_code: this.app.loaded.config.institution.fixmedinsCode,
          med_type: medType.code,
          begntime: formatDateTime(new Date()),
        },
      });
      const out = result.output as { trtinfo: Record<string, unknown>[] };
      const rows: TreatmentRow[] = out.trtinfo.map((t) => ({
        fundPayType: coded('fund_pay_type', String(t['fund_pay_type'] ?? '')),
        enjoyed: t['trt_enjymnt_flag'] === '1',
        result: String(t['trt_chk_rslt'] ?? ''),
        from: String(t['begndate'] ?? ''),
        to: String(t['enddate'] ?? ''),
      }));
      return { medType, rows, error: null };
    } catch (error) {
      const message = isCenterCallError(error) || error instanceof YibaoError ? error.messageZh : String(error);
      return { medType, rows: null, error: `待遇检查 (2001) 未完成: ${message}` };
    }
  }
}

function insuranceView(row: Insuinfo, index: number, admvs: string): InsuranceView {
  const region = regionOf(admvs, row.insuplc_admdvs);
  const status = row.psn_insu_stas || '1';
  return {
    index,
    insutype: coded('insutype', row.insutype),
    psnType: coded('psn_type', row.psn_type),
    status: coded('psn_insu_stas', status),
    active: status === '1',
    balanceFen: fenOf(row.balc),
    insuplcAdmdvs: row.insuplc_admdvs,
    region,
    regionLabel: REGION_LABEL[region],
    cvlserv: row.cvlserv_flag === '1',
    empName: row.emp_name ?? '',
  };
}
