/**
 * Renders SANDBOX_POLICY as the Markdown tables of POLICY.md, so the document
 * testers compute from is the table the engine runs on (a unit test compares
 * the two and prints the fresh rendering when they drift).
 */
import { formatScaled, formatYuan, type Fen, type Ratio } from '../amounts';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  ASSISTANCE_LABELS,
  BENEFIT_POOLS,
  FUNDS,
  INSTITUTION_LEVELS,
  LEVEL_LABELS,
  POOL_LABELS,
  REGION_LABELS,
  RETIRED_CADRE_LABELS,
  SANDBOX_POLICY,
  type ByLevel,
  type SandboxPolicy,
} from './table';
import type { AssistanceCategory, InsuRegion, RetiredCadreKind } from './types';

export const POLICY_TABLES_BEGIN =
  '<!-- policy-tables:begin (generated from table.ts by renderPolicyTables; do not edit by hand) -->';
export const POLICY_TABLES_END = '<!-- policy-tables:end -->';

/** 9000 → "90%", 8750 → "87.5%". */
export function percent(r: Ratio): string {
  const text = formatScaled(r, 2).replace(/\.?0+$/, '');
  return `${text}%`;
}
const money = (f: Fen): string => formatYuan(f);
const cell = <T>(v: T | null, show: (x: T) => string): string => (v === null ? '—' : show(v));
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}
const levelCells = <T>(v: ByLevel<T>, show: (x: T) => string): string[] => INSTITUTION_LEVELS.map((l) => cell(v[l], show));
const levelHeader = INSTITUTION_LEVELS.map((l) => LEVEL_LABELS[l]);

export function renderPolicyTables(policy: SandboxPolicy = SANDBOX_POLICY): string {
  const out: string[] = [];
  const schemes = Object.values(policy.schemes);

  out.push('### 医疗类别与待遇池 (med_type)');
  out.push(
    table(
      ['med_type', '名称', '待遇池', 'clr_type', '可结算机构'],
      Object.entries(policy.medTypes).map(([code, m]) => [
        code,
        m.name,
        POOL_LABELS[m.pool],
        m.clrType,
        m.levels.map((l) => LEVEL_LABELS[l]).join('、'),
      ]),
    ),
  );
  out.push(`在药店结算时 clr_type 一律为 ${policy.pharmacyClrType} (药店购药)。`);

  out.push('### 年龄段');
  out.push(
    table(
      ['年龄段', '起 (含)', '止 (不含)'],
      AGE_BANDS.map((b, i) => {
        const next = AGE_BANDS[i + 1];
        return [AGE_BAND_LABELS[b], String(policy.ageBandFrom[b]), next === undefined ? '—' : String(policy.ageBandFrom[next])];
      }),
    ),
  );

  out.push('### 险种方案总览');
  out.push(
    table(
      [
        '方案',
        'insutype',
        '统筹基金 (fund_pay_type)',
        '个人账户可用',
        '公务员医疗补助比例',
        ...(['in-province', 'cross-province'] as InsuRegion[]).map((r) => `${REGION_LABELS[r]}比例下调`),
      ],
      schemes.map((s) => [
        s.name,
        s.insutype,
        `${FUNDS[s.poolFund].name} (${FUNDS[s.poolFund].code})`,
        s.accountAllowed ? '是' : '否',
        cell(s.civilServantSubsidyRatio, percent),
        percent(s.regionRatioReduction['in-province']),
        percent(s.regionRatioReduction['cross-province']),
      ]),
    ),
  );

  for (const s of schemes) {
    out.push(`### ${s.name} (${s.insutype}): 起付线与封顶线`);
    out.push(
      table(
        ['待遇池', ...levelHeader.map((h) => `起付线 ${h}`), '年度封顶线', '不计起付线的门特类别', '大学生仅限首诊机构'],
        BENEFIT_POOLS.map((p) => {
          const rule = s.pools[p];
          return [
            POOL_LABELS[p],
            ...levelCells(rule.deductible, money),
            money(rule.annualCap),
            rule.deductibleExemptChronicCategories.length === 0
              ? '—'
              : rule.deductibleExemptChronicCategories.map((c) => `第${c}类`).join('、'),
            rule.collegeStudentFirstContactOnly ? '是' : '否',
          ];
        }),
      ),
    );
    for (const p of BENEFIT_POOLS) {
      const rule = s.pools[p];
      out.push(`#### ${s.name}: ${POOL_LABELS[p]} 统筹支付比例`);
      out.push(
        table(
          ['年龄段', ...levelHeader],
          AGE_BANDS.map((b) => [AGE_BAND_LABELS[b], ...levelCells(rule.ratios[b], percent)]),
        ),
      );
      const gcf = rule.generalConsultationFee;
      if (gcf !== null) {
        out.push(`一般诊疗费 (med_chrgitm_type ${gcf.medChrgitmType}) 按定额支付, 不计起付线、不乘比例:`);
        out.push(table(levelHeader, [levelCells(gcf.fundPays, money)]));
      }
    }
  }

  out.push('### 离休人员 (340)');
  out.push(
    table(
      [
        '离休类别',
        `${FUNDS[policy.retiredCadre.fund].name} (${FUNDS[policy.retiredCadre.fund].code}) 支付比例`,
        '起付线',
        '封顶线',
        '乙类先行自付',
        '个人账户可用',
      ],
      (Object.keys(policy.retiredCadre.ratio) as RetiredCadreKind[]).map((k) => [
        RETIRED_CADRE_LABELS[k],
        percent(policy.retiredCadre.ratio[k]),
        '无',
        '无',
        policy.retiredCadre.waiveClassBSelfpay ? '免 (乙类全额纳入政策范围)' : '按目录比例',
        policy.retiredCadre.accountAllowed ? '是' : '否',
      ]),
    ),
  );

  out.push(`### 医疗救助 (${FUNDS.assistance.name} ${FUNDS.assistance.code})`);
  const assistanceRows: string[][] = [];
  for (const c of Object.keys(policy.assistance) as AssistanceCategory[]) {
    for (const p of BENEFIT_POOLS) {
      const rule = policy.assistance[c][p];
      assistanceRows.push([
        ASSISTANCE_LABELS[c],
        POOL_LABELS[p],
        ...(rule === null ? levelHeader.map(() => '—') : levelCells(rule.ratio, percent)),
        rule === null ? '不救助' : cell(rule.annualCap, money).replace('—', '无封顶线'),
        rule?.seriousIllness
          ? `${percent(rule.seriousIllness.ratio)}, 封顶 ${cell(rule.seriousIllness.annualCap, money).replace('—', '无')}`
          : '—',
      ]);
    }
  }
  out.push(
    table(
      ['救助类别', '待遇池', ...levelHeader.map((h) => `比例 ${h}`), '年度封顶线', '重特大疾病 (比例, 封顶)'],
      assistanceRows,
    ),
  );

  return out.join('\n\n');
}

/** The generated block as it must appear in POLICY.md, markers included. */
export function renderPolicyTablesBlock(policy: SandboxPolicy = SANDBOX_POLICY): string {
  return `${POLICY_TABLES_BEGIN}\n\n${renderPolicyTables(policy)}\n\n${POLICY_TABLES_END}`;
}
