/**
 * 1201 医药机构信息获取 (the sandbox's institutions), 5102 医执人员信息查询 (the seed's
 * practitioners of the asking institution) and 100001 政策项查询 (the values of the policy
 * table the sandbox settles with: 起付线, 封顶线, 报销比例 per scheme, pool and level).
 */
import type { SandboxInput } from '../../spec/input-rules';
import { formatRatio, formatYuan } from '../../amounts';
import { SANDBOX_POLICY } from '../../policy';
import { practitionersOf } from '../../seed/practitioners';
import { hash32 } from '../../seed/prng';
import { SANDBOX_INSTITUTIONS } from '../institutions';
import type { HandlerContext, HandlerTable } from '../context';

const HOSP_LV: Readonly<Record<string, string>> = { pharmacy: '', clinic: '9', level1: '3', level2: '2', level3: '1' };

/** A stable 18-character 统一社会信用代码 per institution. */
function usccOf(code: string): string {
  return `91420100${String(hash32(code)).padStart(10, '0')}`.slice(0, 18);
}

function institutions(ctx: HandlerContext<SandboxInput<'1201'>>) {
  const q = ctx.input.medinsinfo;
  const rows = SANDBOX_INSTITUTIONS.filter(
    (i) =>
      i.type === q.fixmedins_type &&
      (!q.fixmedins_code || i.code === q.fixmedins_code) &&
      (!q.fixmedins_name || i.name.includes(q.fixmedins_name)),
  );
  return {
    output: {
      medinsinfo: rows.map((i) => ({
        fixmedins_code: i.code,
        fixmedins_name: i.name,
        uscc: usccOf(i.code),
        fixmedins_type: i.type,
        hosp_lv: HOSP_LV[i.level] ?? '',
      })),
    },
  };
}

function practitioners(ctx: HandlerContext<SandboxInput<'5102'>>) {
  const q = ctx.input.data;
  const seed = Number(ctx.store.meta.get('seed') ?? 0);
  const rows = practitionersOf(seed, ctx.envelope.fixmedins_code).filter(
    (p) =>
      p.pracPsnType === q.prac_psn_type &&
      (!q.certno || p.certno === q.certno) &&
      (!q.prac_psn_name || p.pracPsnName === q.prac_psn_name) &&
      (!q.prac_psn_code || p.pracPsnCode === q.prac_psn_code),
  );
  return {
    output: {
      data: rows.map((p) => ({
        psn_cert_type: p.psnCertType,
        certno: p.certno,
        prac_psn_code: p.pracPsnCode,
        prac_psn_name: p.pracPsnName,
        prac_psn_type: p.pracPsnType,
        prac_cert_no: p.pracCertNo,
        hi_dr_flag: p.hiDrFlag,
        begntime: p.begntime,
        endtime: '',
      })),
    },
  };
}

const POOL_MED_TYPE = { outpatient: '11', chronic: '14', inpatient: '21' } as const;
/** Short codes of the schemes (390 has three tiers, so insutype alone does not name one). */
const SCHEME_CODES = { employee: 'E310', residentHigh: 'R390H', residentLow: 'R390L', residentStudent: 'R390S' } as const;
const LEVEL_NAMES = { pharmacy: '药店', clinic: '诊所', level1: '一级', level2: '二级', level3: '三级' } as const;
/** poli_item_code parts (C30): scheme-pool-what[-level], e.g. R390H-OP-RATIO-L1. */
const POOL_CODES = { outpatient: 'OP', chronic: 'CH', inpatient: 'IP' } as const;
const LEVEL_CODES = { pharmacy: 'PH', clinic: 'CL', level1: 'L1', level2: 'L2', level3: 'L3' } as const;

function policyItems() {
  const items = [];
  for (const [key, scheme] of Object.entries(SANDBOX_POLICY.schemes) as [
    keyof typeof SCHEME_CODES,
    (typeof SANDBOX_POLICY.schemes)['employee'],
  ][]) {
    const sc = SCHEME_CODES[key];
    for (const [pool, rule] of Object.entries(scheme.pools) as [
      keyof typeof POOL_MED_TYPE,
      (typeof scheme.pools)['outpatient'],
    ][]) {
      const base = { insutype: scheme.insutype, med_type: POOL_MED_TYPE[pool], begndate: '2026-01-01' };
      items.push({
        ...base,
        poli_item_code: `${sc}-${POOL_CODES[pool]}-CAP`,
        poli_item_name: `${scheme.name} 封顶线`,
        fixmedins_lv: '',
        poli_val: formatYuan(rule.annualCap),
        poli_val_unit: '元',
      });
      for (const [level, amount] of Object.entries(rule.deductible) as [
        keyof typeof LEVEL_NAMES,
        typeof rule.annualCap | null,
      ][]) {
        if (amount === null) continue;
        items.push({
          ...base,
          poli_item_code: `${sc}-${POOL_CODES[pool]}-DED-${LEVEL_CODES[level]}`,
          poli_item_name: `${scheme.name} 起付线`,
          fixmedins_lv: LEVEL_NAMES[level],
          poli_val: formatYuan(amount),
          poli_val_unit: '元',
        });
      }
      for (const [level, ratio] of Object.entries(rule.ratios.under50) as [
        keyof typeof LEVEL_NAMES,
        Parameters<typeof formatRatio>[0] | null,
      ][]) {
        if (ratio === null) continue;
        items.push({
          ...base,
          poli_item_code: `${sc}-${POOL_CODES[pool]}-RATIO-${LEVEL_CODES[level]}`,
          poli_item_name: `${scheme.name} 报销比例(50岁以下)`,
          fixmedins_lv: LEVEL_NAMES[level],
          poli_val: formatRatio(ratio),
          poli_val_unit: '',
        });
      }
    }
  }
  return items;
}

function policies(ctx: HandlerContext<SandboxInput<'100001'>>) {
  const q = ctx.input.data;
  const rows = policyItems().filter(
    (p) =>
      (!q.insutype || p.insutype === q.insutype) &&
      (!q.med_type || p.med_type === q.med_type) &&
      (!q.poli_item_code || p.poli_item_code === q.poli_item_code),
  );
  return { output: { data: rows } };
}

export const infoHandlers: HandlerTable = {
  '1201': institutions,
  '5102': practitioners,
  '100001': policies,
};
