/**
 * The sandbox center's own reading of 四川's S / Z codes (seed 003 l.204–212, l.259–260). The seed
 * gives one sentence each and no field list; no public Sichuan client with them was found. These
 * tables are the center's own inference, written apart from the client's schemas (a mistake on either
 * side then fails against the other): S3301 / S3302 read like 4901 / 4902 (the same voucher of one
 * settlement), S3601 like 5203 (a settlement named by its three ids); the rest are below. Z1101 /
 * Z1102 follow what a public client of another province sends for 门诊两病备案 (fengzaiqishi11/hsa-his,
 * InsurePersonnalRecordBOImpl.java, insertOuptTowDiseRecord / deleteOutptTwoDiseRecord).
 */
import type { SpecField } from '../../spec/field-rules';

type Req = 'Y' | 'N';
/** One field; the literal name and required flag are kept, the handlers' input types come from them. */
function field<const F extends string, const T extends SpecField['type'], const R extends Req>(
  name: F,
  type: T,
  length: number | null,
  scale: number | null,
  required: R,
) {
  return { field: name, type, length, scale, coded: false, required } as const;
}
const c = <const F extends string>(name: F, length: number) => field(name, 'C', length, null, 'Y');
const d = <const F extends string>(name: F) => field(name, 'D', null, null, 'Y');
const dt = <const F extends string>(name: F) => field(name, 'DT', null, null, 'Y');
const n = <const F extends string>(name: F, scale: number) => field(name, 'N', 16, scale, 'Y');
/** The same field, not required. */
const optional = <const F extends string, const T extends SpecField['type']>(f: {
  readonly field: F;
  readonly type: T;
  readonly length: number | null;
  readonly scale: number | null;
}) => field(f.field, f.type, f.length, f.scale, 'N');

function own<const I extends string, const N extends readonly unknown[]>(infno: I, input: N) {
  return { infno, section: 'sandbox', input, output: [] } as const;
}
function node<const M extends string, const S extends 'object' | 'array', const F extends readonly SpecField[]>(
  name: M,
  shape: S,
  fields: F,
) {
  return { node: name, shape, nodeFrom: 'practice', fields } as const;
}

export const SICHUAN_OWN_TRANSACTIONS = {
  S3701: own('S3701', [
    node('data', 'object', [
      c('mdtrt_id', 30),
      c('psn_no', 30),
      c('rxno', 30),
      dt('rx_time'),
      c('opsp_dise_code', 30),
      c('opsp_dise_name', 300),
      optional(c('dr_code', 30)),
      optional(c('dr_name', 50)),
    ]),
    node('rxdetail', 'array', [
      c('med_list_codg', 50),
      optional(c('medins_list_codg', 150)),
      optional(c('drug_name', 200)),
      n('cnt', 4),
      optional(c('sin_dos_dscr', 200)),
      optional(c('used_frqu_dscr', 200)),
      optional(n('prd_days', 2)),
      optional(c('medc_way_dscr', 200)),
    ]),
  ]),
  S5201: own('S5201', [node('data', 'object', [c('psn_no', 30), optional(c('mdtrt_id', 30))])]),
  S3702: own('S3702', [
    node('data', 'object', [c('mdtrt_id', 30), c('psn_no', 30), c('opsp_dise_code', 30), d('exam_date')]),
    node('indxinfo', 'array', [c('indx_code', 30), c('indx_name', 100), c('indx_val', 50), optional(c('indx_unt', 20))]),
  ]),
  Z1101: own('Z1101', [
    node('data', 'object', [
      c('psn_no', 30),
      c('opsp_dise_code', 30),
      c('opsp_dise_name', 300),
      d('begndate'),
      optional(d('enddate')),
      optional(c('hosp_opnn', 200)),
      optional(dt('hosp_appy_time')),
      optional(c('appy_rea', 200)),
      optional(c('symp_dscr', 500)),
      optional(c('appyer', 50)),
      optional(c('appyer_tel', 50)),
      optional(c('appyer_addr', 200)),
      optional(c('opter_name', 50)),
      optional(c('memo', 500)),
    ]),
  ]),
  Z1102: own('Z1102', [node('data', 'object', [c('psn_no', 30), c('trt_dcla_detl_sn', 30), optional(c('memo', 500))])]),
  S3901: own('S3901', [
    node('data', 'object', [
      c('psn_no', 30),
      c('appy_rea', 200),
      d('begndate'),
      d('enddate'),
      optional(c('agnter_name', 50)),
      optional(c('agnter_tel', 50)),
    ]),
  ]),
  S5901: own('S5901', [node('data', 'object', [c('psn_no', 30)])]),
} as const;

/** Sichuan codes read like a national one (same nodes and fields). */
export const SICHUAN_ALIASES = {
  S3301: '4901',
  S3302: '4902',
  S3601: '5203',
} as const;
