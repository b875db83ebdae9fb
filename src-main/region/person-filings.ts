/**
 * A person's filings in the region's own transactions (四川, profile regionCodes): Z1101 城乡两病备案 and
 * Z1102 its revoke, S3901 无密码结算申请 and S5901 the person's applications. The person is named by
 * psn_no (from 1101); the center's serial of a filing is printed and is what the revoke sends back.
 */
import { YibaoError } from '../core/errors';
import { DATE_RE, formatDate, formatDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import {
  noPasswordApplyOutput,
  noPasswordQueryOutput,
  twoDiseaseFilingOutput,
  twoDiseaseRevokeOutput,
} from '../protocol/transactions/sichuan';
import { regionCode } from './region-code';

export interface TwoDiseaseFiling {
  readonly psnNo: string;
  /** 高血压 / 糖尿病 as the region's 病种目录 codes them. */
  readonly diseCode: string;
  readonly diseName: string;
  /** yyyy-MM-dd; default today. */
  readonly begndate?: string;
  readonly enddate?: string;
  readonly doctorOpinion?: string;
}

export interface NoPasswordApplication {
  readonly psnNo: string;
  readonly reason: string;
  readonly begndate: string;
  readonly enddate: string;
  readonly agentName?: string;
  readonly agentTel?: string;
}

function requireDate(value: string, label: string): void {
  if (!DATE_RE.test(value)) throw new YibaoError('E_USAGE', `${label}格式应为 yyyy-MM-dd (收到 "${value}")`);
}

export class PersonFilings {
  constructor(private readonly app: CounterApp) {}

  private call(infno: string, input: Record<string, unknown>) {
    return this.app.callAs(this.app.sessions.require(), infno, input);
  }

  /** Z1101: returns the center's serial (trt_dcla_detl_sn), needed to revoke. */
  async fileTwoDisease(f: TwoDiseaseFiling) {
    const infno = regionCode(this.app, 'twoDiseaseFiling');
    const begndate = f.begndate ?? formatDate(new Date());
    requireDate(begndate, '开始日期');
    if (f.enddate !== undefined) requireDate(f.enddate, '结束日期');
    const result = await this.call(infno, {
      data: {
        psn_no: f.psnNo,
        opsp_dise_code: f.diseCode,
        opsp_dise_name: f.diseName,
        begndate,
        ...(f.enddate ? { enddate: f.enddate } : {}),
        ...(f.doctorOpinion ? { hosp_opnn: f.doctorOpinion } : {}),
        hosp_appy_time: formatDateTime(new Date()),
      },
    });
    const out = twoDiseaseFilingOutput.parse(result.output);
    return { infno, serial: out.result.trt_dcla_detl_sn };
  }

  /** Z1102 */
  async revokeTwoDisease(psnNo: string, serial: string, memo?: string) {
    const infno = regionCode(this.app, 'twoDiseaseRevoke');
    const result = await this.call(infno, {
      data: { psn_no: psnNo, trt_dcla_detl_sn: serial, ...(memo ? { memo } : {}) },
    });
    const out = twoDiseaseRevokeOutput.parse(result.output);
    return { infno, serial: out.trt_dcla_detl_sn ?? serial };
  }

  /** S3901: returns the center's application id. */
  async applyNoPassword(a: NoPasswordApplication) {
    const infno = regionCode(this.app, 'noPasswordApply');
    requireDate(a.begndate, '开始日期');
    requireDate(a.enddate, '结束日期');
    if (a.enddate < a.begndate) throw new YibaoError('E_USAGE', `结束日期 ${a.enddate} 早于开始日期 ${a.begndate}`);
    const result = await this.call(infno, {
      data: {
        psn_no: a.psnNo,
        appy_rea: a.reason,
        begndate: a.begndate,
        enddate: a.enddate,
        ...(a.agentName ? { agnter_name: a.agentName } : {}),
        ...(a.agentTel ? { agnter_tel: a.agentTel } : {}),
      },
    });
    return { infno, applicationId: noPasswordApplyOutput.parse(result.output).appy_id };
  }

  /** S5901 */
  async listNoPassword(psnNo: string) {
    const infno = regionCode(this.app, 'noPasswordQuery');
    const result = await this.call(infno, { data: { psn_no: psnNo } });
    return noPasswordQueryOutput.parse(result.output).appyinfo;
  }
}
