/**
 * 明细审核 3101 (事前) / 3102 (事中) and 3103 (反馈). The sandbox's rule engine looks at the
 * submitted order lines against its own catalogue: an item billed twice in one visit (3102 also
 * counts the lines already uploaded with 2204), a quantity over the outpatient limit, an item
 * for the other sex, an item limited to children for an adult, a price over the 限价, and a
 * code outside the catalogue. Each hit is kept so 3103 can record what the institution did.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { ageOn } from '../../../core/time';
import { formatQty, lineAmount, parsePrice, parseQty, subFen, sumFen, yuanNumber, type Fen, type Qty } from '../../amounts';
import { AuditWarningRepo } from '../../store/audit-warnings';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

type AuditInput = SandboxInput<'3101'>;
/*
 * The field table holds one level of nodes; 3101's patients → encounters → orders and 3103's
 * warns are nested below it. The center reads them as the public clients send them (what it
 * needs of them, below) and refuses a request whose nesting is not of this shape.
 */
interface Order {
  readonly rx_id: string;
  readonly hilist_code: string;
  readonly cnt: number;
  readonly pric: number;
}
interface Encounter {
  readonly mdtrt_id: string;
  readonly adm_date: string;
  readonly med_mdtrt_type: string;
  readonly fsi_order_dtos: readonly Order[];
}
interface Patient {
  readonly patn_id: string;
  readonly gend: string;
  readonly brdy: string;
  readonly fsi_encounter_dtos: readonly Encounter[];
}
interface Warn {
  readonly warn_rslt_id: string;
  readonly dspo_way: '1' | '2';
  readonly dspo_way_rea?: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const each = (v: unknown, fields: readonly string[]) =>
  Array.isArray(v) && v.every((row) => isObject(row) && fields.every((f) => row[f] !== undefined && row[f] !== null));

function patientsOf(value: unknown): readonly Patient[] {
  const ok =
    each(value, ['patn_id', 'gend', 'brdy', 'fsi_encounter_dtos']) &&
    (value as Patient[]).every(
      (p) =>
        each(p.fsi_encounter_dtos, ['mdtrt_id', 'adm_date', 'med_mdtrt_type', 'fsi_order_dtos']) &&
        p.fsi_encounter_dtos.every(
          (e) => e.fsi_order_dtos.length > 0 && each(e.fsi_order_dtos, ['rx_id', 'hilist_code', 'cnt', 'pric']),
        ),
    );
  if (!ok) reject('入参 patient_dtos 不正确: 每位患者需有就诊 fsi_encounter_dtos, 每次就诊需有处方(医嘱)明细 fsi_order_dtos');
  return value as Patient[];
}

function warnsOf(value: unknown): readonly Warn[] {
  const ok =
    each(value, ['warn_rslt_id', 'dspo_way']) && (value as Warn[]).every((w) => w.dspo_way === '1' || w.dspo_way === '2');
  if (!ok) reject('入参 warns 不正确: 每条需有 warn_rslt_id 和 dspo_way (1 继续执行 / 2 返回修改)');
  return value as Warn[];
}

/** 门诊 one order line may carry at most this many units (the sandbox's 超量 rule). */
export const OUTPATIENT_MAX_LINE_QTY = parseQty(60);
const FEMALE_ONLY = /妇科|产科|宫颈|阴道|乳腺/;
const MALE_ONLY = /前列腺|睾丸|阴茎/;

export const AUDIT_RULES = {
  duplicate: { id: 'SBX-R001', name: '重复收费', sev: '1', evid: '同一就诊同一项目重复计费' },
  quantity: {
    id: 'SBX-R002',
    name: '超量开药',
    sev: '2',
    evid: `门诊单条医嘱数量不得超过 ${formatQty(OUTPATIENT_MAX_LINE_QTY)}`,
  },
  gender: { id: 'SBX-R003', name: '性别限定', sev: '1', evid: '项目限定性别与参保人性别不符' },
  child: { id: 'SBX-R004', name: '限儿童使用', sev: '2', evid: '目录限定支付范围: 限儿童' },
  price: { id: 'SBX-R005', name: '超限价', sev: '1', evid: '单价超过医保目录限价' },
  unknown: { id: 'SBX-R006', name: '目录外项目', sev: '1', evid: '医保目录中无此编码' },
} as const;
type RuleKey = keyof typeof AUDIT_RULES;

interface Line {
  rxId: string;
  code: string;
  cnt: Qty;
  pric: ReturnType<typeof parsePrice>;
  amount: Fen;
  /** Already uploaded at the center (3102), not part of the submission. */
  uploaded: boolean;
}

interface Hit {
  rule: RuleKey;
  text: string;
  lines: { rxId: string; amount: Fen }[];
}

function checkEncounter(ctx: HandlerContext<unknown>, patient: Patient, enc: Encounter, lines: Line[]): Hit[] {
  const hits: Hit[] = [];
  const age = ageOn(patient.brdy, enc.adm_date.slice(0, 10));
  const byCode = new Map<string, Line[]>();
  for (const l of lines) byCode.set(l.code, [...(byCode.get(l.code) ?? []), l]);
  for (const [code, same] of byCode) {
    if (same.length > 1 && same.some((l) => !l.uploaded)) {
      const extra = same.slice(1);
      hits.push({
        rule: 'duplicate',
        text: `${ctx.store.catalogue.current(code)?.name ?? code} (${code}) 在本次就诊中计费 ${same.length} 次`,
        lines: extra.map((l) => ({ rxId: l.rxId, amount: l.amount })),
      });
    }
  }
  for (const l of lines.filter((x) => !x.uploaded)) {
    const item = ctx.store.catalogue.current(l.code);
    if (!item) {
      hits.push({ rule: 'unknown', text: `项目 ${l.code} 不在医保目录中`, lines: [{ rxId: l.rxId, amount: l.amount }] });
      continue;
    }
    if (enc.med_mdtrt_type === '1' && l.cnt > OUTPATIENT_MAX_LINE_QTY) {
      const excess = lineAmount((l.cnt - OUTPATIENT_MAX_LINE_QTY) as Qty, l.pric);
      hits.push({
        rule: 'quantity',
        text: `${item.name} 数量 ${formatQty(l.cnt)} 超过门诊限量 ${formatQty(OUTPATIENT_MAX_LINE_QTY)}`,
        lines: [{ rxId: l.rxId, amount: excess }],
      });
    }
    const wrongSex = (FEMALE_ONLY.test(item.name) && patient.gend === '1') || (MALE_ONLY.test(item.name) && patient.gend === '2');
    if (wrongSex) {
      hits.push({
        rule: 'gender',
        text: `${item.name} 限${FEMALE_ONLY.test(item.name) ? '女' : '男'}性, 参保人性别不符`,
        lines: [{ rxId: l.rxId, amount: l.amount }],
      });
    }
    if (item.lmtScp === '限儿童' && age >= 18) {
      hits.push({
        rule: 'child',
        text: `${item.name} 限儿童使用, 参保人 ${age} 岁`,
        lines: [{ rxId: l.rxId, amount: l.amount }],
      });
    }
    if (item.pricUplmtAmt !== null && l.pric > item.pricUplmtAmt) {
      const over = subFen(l.amount, lineAmount(l.cnt, item.pricUplmtAmt));
      hits.push({ rule: 'price', text: `${item.name} 单价超过限价`, lines: [{ rxId: l.rxId, amount: over }] });
    }
  }
  return hits;
}

function analyse(ctx: HandlerContext<AuditInput>, infno: '3101' | '3102') {
  if (ctx.institution.type !== '1') reject('明细审核 (3101/3102) 由定点医疗机构发起');
  const d = ctx.input.data;
  const warnings = new AuditWarningRepo(ctx.store.db);
  const ruleIds = Array.isArray(d.rule_ids) ? d.rule_ids.map(String) : [];
  const ruleFilter = ruleIds.length > 0 ? new Set(ruleIds) : null;
  const result = [];
  for (const patient of patientsOf(d.patient_dtos)) {
    for (const enc of patient.fsi_encounter_dtos) {
      const submitted: Line[] = enc.fsi_order_dtos.map((o) => {
        const cnt = parseQty(o.cnt);
        const pric = parsePrice(o.pric);
        return { rxId: o.rx_id, code: o.hilist_code, cnt, pric, amount: lineAmount(cnt, pric), uploaded: false };
      });
      let lines = submitted;
      if (infno === '3102') {
        const visit = ctx.store.visits.get(enc.mdtrt_id);
        if (!visit || visit.fixmedinsCode !== ctx.envelope.fixmedins_code)
          reject(`事中审核: 就诊ID ${enc.mdtrt_id} 不存在, 请先挂号 (2201)`);
        if (visit.psnNo !== patient.patn_id) reject(`事中审核: 就诊ID ${enc.mdtrt_id} 不属于参保人 ${patient.patn_id}`);
        const ids = new Set(submitted.map((l) => l.rxId));
        const uploaded = ctx.store.visits
          .linesOfVisit(enc.mdtrt_id)
          .filter((f) => f.state !== 'cancelled' && !ids.has(f.feedetlSn))
          .map((f) => ({
            rxId: f.feedetlSn,
            code: f.medListCodg,
            cnt: f.cnt,
            pric: f.pric,
            amount: f.detItemFeeSumamt,
            uploaded: true,
          }));
        lines = [...uploaded, ...submitted];
      }
      for (const hit of checkEncounter(ctx, patient, enc, lines)) {
        const rule = AUDIT_RULES[hit.rule];
        if (ruleFilter && !ruleFilter.has(rule.id)) continue;
        const jrId = `JR${ctx.nowText.replace(/\D/g, '').slice(0, 8)}${String(ctx.store.meta.nextSequence('audit_jr_id')).padStart(10, '0')}`;
        const volaAmt = sumFen(hit.lines.map((l) => l.amount));
        warnings.insert({
          jrId,
          taskId: d.task_id,
          infno,
          fixmedinsCode: ctx.envelope.fixmedins_code,
          mdtrtId: enc.mdtrt_id,
          patnId: patient.patn_id,
          ruleId: rule.id,
          volaAmt,
          createdAt: ctx.nowText,
        });
        result.push({
          jr_id: jrId,
          rule_id: rule.id,
          rule_name: rule.name,
          vola_cont: hit.text,
          patn_id: patient.patn_id,
          mdtrt_id: enc.mdtrt_id,
          judge_result_detail_dtos: hit.lines.map((l, i) => ({
            jrd_id: `${jrId}-${i + 1}`,
            patn_id: patient.patn_id,
            mdtrt_id: enc.mdtrt_id,
            rx_id: l.rxId,
            vola_amt: yuanNumber(l.amount),
          })),
          vola_amt: yuanNumber(volaAmt),
          vola_amt_stas: '1',
          sev_deg: rule.sev,
          vola_evid: rule.evid,
          vola_bhvr_type: infno === '3101' ? '1' : '2',
          task_id: d.task_id,
        });
      }
    }
  }
  return { output: { result } };
}

function feedback(ctx: HandlerContext<SandboxInput<'3103'>>) {
  const warnings = new AuditWarningRepo(ctx.store.db);
  const d = ctx.input.data;
  const expected = d.warn_type === '1' ? '3101' : '3102';
  const warns = warnsOf(d.warns);
  for (const w of warns) {
    const held = warnings.get(w.warn_rslt_id);
    if (!held || held.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`违规标识 ${w.warn_rslt_id} 不存在`);
    if (held.infno !== expected) reject(`违规标识 ${w.warn_rslt_id} 来自 ${held.infno}, 与预警类型 ${d.warn_type} 不符`);
    if (held.handledAt) reject(`违规标识 ${w.warn_rslt_id} 已于 ${held.handledAt} 反馈过`);
    if (w.dspo_way === '1' && !w.dspo_way_rea) reject(`违规标识 ${w.warn_rslt_id}: 继续执行时必须填写理由 dspo_way_rea`);
    warnings.handle(w.warn_rslt_id, w.dspo_way, w.dspo_way_rea || null, ctx.nowText);
  }
  return { output: { handled: warns.length } };
}

export const auditHandlers: HandlerTable = {
  '3101': (ctx) => analyse(ctx as HandlerContext<AuditInput>, '3101'),
  '3102': (ctx) => analyse(ctx as HandlerContext<AuditInput>, '3102'),
  '3103': feedback,
};
