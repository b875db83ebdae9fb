/**
 * A 门慢门特 visit's region transactions (四川, profile regionCodes): S3701 uploads the visit's
 * prescription, S5201 lists a person's, S3702 uploads a 血透 session's indicators. The visit is one
 * the counter registered (journal): its person comes from there, it must be a 门慢门特 visit (med_type
 * 14), and the prescription's drugs are the fee lines uploaded for it (2204), so nothing is typed twice.
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import { loadVisit, type VisitRecord } from '../counter/visit-record';
import { chronicRxQueryOutput, chronicRxUploadOutput, dialysisIndicatorsOutput } from '../protocol/transactions/sichuan';
import { regionCode } from './region-code';

/** 门诊慢特病: 14 and its sub-types (140101 …). */
const CHRONIC_MED_TYPE = /^14/;

export interface ChronicRxRequest {
  readonly mdtrtId: string;
  /** 门慢门特病种 as filed (2503 / the region's 备案). */
  readonly diseCode: string;
  readonly diseName: string;
  /** Default: the visit's first uploaded bill's 收费批次号. */
  readonly rxno?: string;
}

export interface Indicator {
  readonly code: string;
  readonly name: string;
  readonly value: string;
  readonly unit?: string;
}

export interface DialysisRequest {
  readonly mdtrtId: string;
  readonly diseCode: string;
  /** yyyy-MM-dd */
  readonly examDate: string;
  readonly indicators: readonly Indicator[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export class ChronicVisitDesk {
  constructor(private readonly app: CounterApp) {}

  private chronicVisit(mdtrtId: string): VisitRecord {
    const visit = loadVisit(this.app.journal, this.app.loaded.config.institution.fixmedinsCode, mdtrtId);
    if (visit.cancelled) throw new YibaoError('E_VISIT_CANCELLED', `就诊ID ${mdtrtId} 已撤销挂号`);
    if (!visit.medType || !CHRONIC_MED_TYPE.test(visit.medType)) {
      throw new YibaoError(
        'E_NOT_CHRONIC_VISIT',
        `就诊ID ${mdtrtId} 的医疗类别是 ${visit.medType ?? '未上传'}, 不是门慢门特 (14); 门慢门特处方和血透指标只对门慢门特就诊上传`,
      );
    }
    return visit;
  }

  /** S3701: the visit's prescription, its drugs the fee lines uploaded for the visit. */
  async uploadRx(req: ChronicRxRequest) {
    const infno = regionCode(this.app, 'chronicRxUpload');
    const visit = this.chronicVisit(req.mdtrtId);
    const bills = [...visit.bills.values()].filter((b) => b.state !== 'cancelled');
    const lines = bills.flatMap((b) => b.lines);
    if (lines.length === 0) {
      throw new YibaoError('E_RX_EMPTY', `就诊ID ${req.mdtrtId} 还没有上传费用明细 (2204), 处方没有药品可上传`);
    }
    const rxno = req.rxno ?? (bills[0]?.chrgBchno as string);
    const result = await this.app.callAs(this.app.sessions.require(), infno, {
      data: {
        mdtrt_id: visit.mdtrtId,
        psn_no: visit.psnNo,
        rxno,
        rx_time: formatDateTime(new Date()),
        opsp_dise_code: req.diseCode,
        opsp_dise_name: req.diseName,
        dr_code: visit.doctor.code,
        dr_name: visit.doctor.name,
      },
      rxdetail: lines.map((l) => ({
        med_list_codg: text(l['med_list_codg']),
        medins_list_codg: text(l['medins_list_codg']),
        cnt: Number(l['cnt']),
        sin_dos_dscr: text(l['sin_dos_dscr']),
        used_frqu_dscr: text(l['used_frqu_dscr']),
        medc_way_dscr: text(l['medc_way_dscr']),
      })),
    });
    const out = chronicRxUploadOutput.parse(result.output);
    return { infno, rxno: out.rxno ?? rxno, drugCount: lines.length, uploadedAt: out.upld_time ?? '' };
  }

  /** S5201: the prescriptions the center holds for the visit's person (of this visit only, when asked). */
  async listRx(mdtrtId: string, onlyThisVisit: boolean) {
    const infno = regionCode(this.app, 'chronicRxQuery');
    const visit = loadVisit(this.app.journal, this.app.loaded.config.institution.fixmedinsCode, mdtrtId);
    const result = await this.app.callAs(this.app.sessions.require(), infno, {
      data: { psn_no: visit.psnNo, ...(onlyThisVisit ? { mdtrt_id: mdtrtId } : {}) },
    });
    return chronicRxQueryOutput.parse(result.output).rxinfo;
  }

  /** S3702: one 血透 session's indicators (血透机构必做). */
  async uploadDialysis(req: DialysisRequest) {
    const infno = regionCode(this.app, 'dialysisIndicators');
    if (req.indicators.length === 0) throw new YibaoError('E_USAGE', '至少上传一项血透指标');
    const visit = this.chronicVisit(req.mdtrtId);
    const result = await this.app.callAs(this.app.sessions.require(), infno, {
      data: { mdtrt_id: visit.mdtrtId, psn_no: visit.psnNo, opsp_dise_code: req.diseCode, exam_date: req.examDate },
      indxinfo: req.indicators.map((i) => ({
        indx_code: i.code,
        indx_name: i.name,
        indx_val: i.value,
        ...(i.unit ? { indx_unt: i.unit } : {}),
      })),
    });
    const out = dialysisIndicatorsOutput.parse(result.output);
    return { infno, mdtrtId: visit.mdtrtId, count: out.indx_cnt ?? req.indicators.length };
  }
}
