/**
 * Region profiles: which variant of a transaction a flow uses, what 2601 may reverse,
 * timeouts. A profile is data (profiles/*.json), validated here; code asks the profile,
 * never `if (region === ...)`.
 */
import { z } from 'zod';
import { YibaoError, formatPath } from '../core/errors';
import { findInterface } from './registry';
import nationalJson from './profiles/national.json';
import hubeiJson from './profiles/hubei.json';
import sichuanJson from './profiles/sichuan.json';

export const PROFILE_IDS = ['national', 'hubei', 'sichuan'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

const flowNames = [
  'pharmacyPreSettle',
  'pharmacySettle',
  'pharmacyRefund',
  'clinicRegister',
  'clinicRegisterCancel',
  'clinicVisitInfo',
  'clinicFeeUpload',
  'clinicFeeCancel',
  'clinicPreSettle',
  'clinicSettle',
  'clinicSettleCancel',
  'catalogueQuery',
  'consumablesCatalogue',
  'inventoryCount',
  'inventoryChange',
  'inventoryPurchase',
  'inventoryPurchaseReturn',
  'inventorySale',
  'inventorySaleReturn',
  'inventoryDelete',
] as const;
export type FlowName = (typeof flowNames)[number];

const infnoSchema = z.string().regex(/^[0-9A-Za-z]+$/);

/**
 * The 电子处方 steps of the pharmacy counter (src-main/prescription/). Each region numbers them its own
 * way: the national numbering 7201 授权 → 7204 下载 → 7205 核验 → 7206 审方 → 7207 / 7208 出库 → 7209 配送
 * → 7210 签收; Hubei (seeds 002, 004) 7202 查询 → 7203 下载 → 7204 审核 (核验 and 审方 in one call) →
 * 7205 配送, with no 出库 or 签收 transaction.
 */
export const RX_CODE_STEPS = ['authorize', 'download', 'verify', 'audit', 'saleUpload', 'saleRevoke', 'deliver', 'sign'] as const;
export type RxCodeStep = (typeof RX_CODE_STEPS)[number];
/** A code, `with-audit` (核验 is part of the region's 审核 call: verify only), or `not-used` (the region has no such call). */
const rxCodeSchema = z.union([z.enum(['with-audit', 'not-used']), infnoSchema]);
export type RxCode = z.infer<typeof rxCodeSchema>;
const timeoutSchema = z.object({ connectMs: z.number().int().positive(), readMs: z.number().int().positive() });
/**
 * How an unknown outcome of a call that 2601 cannot reverse is settled: `no-effect` (a query,
 * pre-settle, an idempotent upload: nothing lasting to undo), `needs-manual` (shown to the
 * cashier), or a query infno that tells whether it took effect. Codes not listed: needs-manual.
 */
const unknownResolutionSchema = z.union([z.enum(['no-effect', 'needs-manual']), infnoSchema]);
const catalogueModeSchema = z.enum(['file', 'paged', 'via-catalogue-query', 'not-used']);

/**
 * Where a profile knowingly differs from its region's document, and why: the README's region section
 * quotes these, and tests hold each departure against the profile's data.
 */
const departureSchema = z.strictObject({
  /** The transactions the departure concerns. */
  codes: z.array(infnoSchema).min(1),
  /** Which document says otherwise, e.g. "seed 003 l.182". */
  document: z.string().min(1),
  /** What the document says and what the profile does instead. */
  what: z.string().min(1),
  why: z.string().min(1),
});

/** A code for the institution's own area's persons (本地) and one for persons insured elsewhere (异地). */
const byPersonsSchema = z.strictObject({ local: infnoSchema, remote: infnoSchema });
/**
 * Where a region applies for clearing with transactions of its own (seed 002, 湖北): after a month
 * whose days all balanced, one application per (insutype, clr_type, setl_optins) group, 本地 and 异地
 * by their own codes; the counter keeps each application so it can be withdrawn or printed.
 * `settlementQuery` adds HIS/MIS 对账 to every 对账: the center's settlements of the period, listed
 * by time range, compared one by one with the counter's.
 */
const clearingSchema = z.strictObject({
  apply: byPersonsSchema,
  cancel: byPersonsSchema,
  print: infnoSchema.optional(),
  settlementQuery: byPersonsSchema.optional(),
});
export type ClearingCodes = z.infer<typeof clearingSchema>;

/**
 * What a region does with transactions of its own that no national flow has (四川's S / Z codes, seed
 * 003): each use names the region's code, and a counter of a region without it says so.
 */
export const REGION_CODE_USES = [
  'settlementSheet',
  'fiscalInvoiceUpload',
  'fiscalInvoiceQuery',
  'chronicRxUpload',
  'chronicRxQuery',
  'dialysisIndicators',
  'twoDiseaseFiling',
  'twoDiseaseRevoke',
  'noPasswordApply',
  'noPasswordQuery',
] as const;
export type RegionCodeUse = (typeof REGION_CODE_USES)[number];

const profileFileSchema = z.strictObject({
  id: z.string(),
  extends: z.string().optional(),
  /** The region's name on screens (Chinese). */
  name: z.string(),
  /** For developers (may name documents and files); never shown to the cashier. */
  description: z.string(),
  /** What the profile changes, in Chinese, for the 设置 screen (issue 17: no developer text on screens). */
  summary: z
    .string()
    .min(1)
    .refine((text) => (text.match(/[0-9A-Za-z]+/g) ?? []).every((w) => /\d/.test(w) || !/[A-Za-z]/.test(w)), {
      message: 'Latin letters only inside codes such as 2101A',
    }),
  infver: z.string().max(6).optional(),
  recerSysCode: z.string().max(10).optional(),
  flows: z.partialRecord(z.enum(flowNames), infnoSchema).optional(),
  catalogueDownloads: z.record(infnoSchema, catalogueModeSchema).optional(),
  reversible: z.array(infnoSchema).optional(),
  unknownOutcome: z.record(infnoSchema, unknownResolutionSchema).optional(),
  timeouts: z
    .strictObject({
      default: timeoutSchema.optional(),
      perInfno: z.record(infnoSchema, timeoutSchema.partial()).optional(),
    })
    .optional(),
  monthlyClearingAfterReconcile: z.boolean().optional(),
  clearing: clearingSchema.optional(),
  departures: z.array(departureSchema).optional(),
  /**
   * The region's 安全控件 (seed 003 第六章): initialised at 9001, its 校验介质 read once per visit for
   * the visit's last transaction and sent as dev_safe_info; read again before a refund.
   */
  safeControl: z.boolean().optional(),
  rxCodes: z.partialRecord(z.enum(RX_CODE_STEPS), rxCodeSchema).optional(),
  regionCodes: z.partialRecord(z.enum(REGION_CODE_USES), infnoSchema).optional(),
});
type ProfileFile = z.infer<typeof profileFileSchema>;

export interface Timeouts {
  readonly connectMs: number;
  readonly readMs: number;
}
export type UnknownResolution = z.infer<typeof unknownResolutionSchema>;
export type CatalogueMode = z.infer<typeof catalogueModeSchema>;
export type ProfileDeparture = z.infer<typeof departureSchema>;

export interface RegionProfile {
  readonly id: ProfileId;
  readonly name: string;
  readonly description: string;
  /** Chinese, for the 设置 screen. */
  readonly summary: string;
  readonly infver: string;
  readonly recerSysCode: string;
  readonly flows: Readonly<Record<FlowName, string>>;
  readonly catalogueDownloads: Readonly<Record<string, CatalogueMode>>;
  readonly reversible: ReadonlySet<string>;
  readonly unknownOutcome: Readonly<Record<string, UnknownResolution>>;
  readonly defaultTimeouts: Timeouts;
  readonly perInfnoTimeouts: Readonly<Record<string, Partial<Timeouts>>>;
  readonly monthlyClearingAfterReconcile: boolean;
  /** null: the month's 3201 is the application (seed 003), or the region applies outside the counter. */
  readonly clearing: ClearingCodes | null;
  /** Knowing departures from the region's document (a child's own; a parent's are not inherited). */
  readonly departures: readonly ProfileDeparture[];
  readonly safeControl: boolean;
  /** The code of each 电子处方 step in this region. */
  readonly rxCodes: Readonly<Record<RxCodeStep, RxCode>>;
  /** The region's own transactions by use (absent: the region has no such transaction). */
  readonly regionCodes: Readonly<Partial<Record<RegionCodeUse, string>>>;
}

const RAW: Record<ProfileId, unknown> = { national: nationalJson, hubei: hubeiJson, sichuan: sichuanJson };

function parseProfileFile(id: string, raw: unknown): ProfileFile {
  const result = profileFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new YibaoError('E_PROFILE_INVALID', `地区配置 ${id} 无效: ${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`, {
      profile: id,
    });
  }
  return result.data;
}

/** Merges a profile over its parent: objects key by key, arrays and scalars replaced. */
function mergeFiles(parent: ProfileFile, child: ProfileFile): ProfileFile {
  return {
    ...parent,
    ...child,
    flows: { ...parent.flows, ...child.flows },
    rxCodes: { ...parent.rxCodes, ...child.rxCodes },
    regionCodes: { ...parent.regionCodes, ...child.regionCodes },
    catalogueDownloads: { ...parent.catalogueDownloads, ...child.catalogueDownloads },
    unknownOutcome: { ...parent.unknownOutcome, ...child.unknownOutcome },
    timeouts: {
      default: child.timeouts?.default ?? parent.timeouts?.default,
      perInfno: { ...parent.timeouts?.perInfno, ...child.timeouts?.perInfno },
    },
    reversible: child.reversible ?? parent.reversible,
    // A departure is from the child's own document: the parent's do not carry over.
    departures: child.departures,
  };
}

function resolveFile(id: string, seen: string[] = []): ProfileFile {
  if (seen.includes(id)) throw new YibaoError('E_PROFILE_INVALID', `地区配置继承成环: ${[...seen, id].join(' → ')}`);
  const raw = (RAW as Record<string, unknown>)[id];
  if (raw === undefined) throw new YibaoError('E_PROFILE_UNKNOWN', `未知的地区配置 ${id}; 可选: ${PROFILE_IDS.join(', ')}`);
  const file = parseProfileFile(id, raw);
  if (file.id !== id) throw new YibaoError('E_PROFILE_INVALID', `地区配置文件 ${id} 的 id 字段为 ${file.id}`);
  return file.extends ? mergeFiles(resolveFile(file.extends, [...seen, id]), file) : file;
}

function clearingInfnos(c: ClearingCodes): string[] {
  return [
    c.apply.local,
    c.apply.remote,
    c.cancel.local,
    c.cancel.remote,
    ...(c.print ? [c.print] : []),
    ...(c.settlementQuery ? [c.settlementQuery.local, c.settlementQuery.remote] : []),
  ];
}

function requireKnownCodes(id: string, codes: Iterable<string>): void {
  for (const code of codes) {
    if (!findInterface(code)) {
      throw new YibaoError('E_PROFILE_INVALID', `地区配置 ${id} 引用了接口清单中没有的交易 ${code}`, {
        profile: id,
        infno: code,
      });
    }
  }
}

export function buildProfile(id: ProfileId): RegionProfile {
  const file = resolveFile(id);
  const flows = file.flows ?? {};
  const missing = flowNames.filter((f) => !flows[f]);
  if (missing.length > 0) throw new YibaoError('E_PROFILE_INVALID', `地区配置 ${id} 缺少业务流程: ${missing.join(', ')}`);
  const rxCodes = file.rxCodes ?? {};
  const rxMissing = RX_CODE_STEPS.filter((step) => !rxCodes[step]);
  if (rxMissing.length > 0) throw new YibaoError('E_PROFILE_INVALID', `地区配置 ${id} 缺少电子处方步骤: ${rxMissing.join(', ')}`);
  if (rxCodes.verify === 'with-audit' && !/^[0-9A-Za-z]+$/.test(rxCodes.audit ?? '')) {
    throw new YibaoError('E_PROFILE_INVALID', `地区配置 ${id}: 核验并入审核时, 审核 (audit) 必须是一个交易号`);
  }
  const rxInfnos = Object.values(rxCodes).filter((code) => code !== 'not-used' && code !== 'with-audit');
  const queryTargets = Object.values(file.unknownOutcome ?? {}).filter((v) => v !== 'no-effect' && v !== 'needs-manual');
  requireKnownCodes(id, [
    ...Object.values(flows),
    ...rxInfnos,
    ...Object.keys(file.catalogueDownloads ?? {}),
    ...(file.reversible ?? []),
    ...Object.keys(file.unknownOutcome ?? {}),
    ...queryTargets,
    ...Object.keys(file.timeouts?.perInfno ?? {}),
    ...(file.departures ?? []).flatMap((d) => d.codes),
    ...(file.clearing ? clearingInfnos(file.clearing) : []),
    ...Object.values(file.regionCodes ?? {}),
  ]);
  return {
    id,
    name: file.name,
    description: file.description,
    summary: file.summary,
    infver: file.infver ?? 'V1.0',
    recerSysCode: file.recerSysCode ?? 'YBXT',
    flows: flows as Record<FlowName, string>,
    catalogueDownloads: file.catalogueDownloads ?? {},
    reversible: new Set(file.reversible ?? []),
    unknownOutcome: file.unknownOutcome ?? {},
    defaultTimeouts: file.timeouts?.default ?? { connectMs: 5000, readMs: 30000 },
    perInfnoTimeouts: file.timeouts?.perInfno ?? {},
    monthlyClearingAfterReconcile: file.monthlyClearingAfterReconcile ?? false,
    clearing: file.clearing ?? null,
    departures: file.departures ?? [],
    safeControl: file.safeControl ?? false,
    rxCodes: rxCodes as Record<RxCodeStep, RxCode>,
    regionCodes: file.regionCodes ?? {},
  };
}

const cache = new Map<ProfileId, RegionProfile>();
export function getProfile(id: ProfileId): RegionProfile {
  let p = cache.get(id);
  if (!p) {
    p = buildProfile(id);
    cache.set(id, p);
  }
  return p;
}

export function timeoutsFor(profile: RegionProfile, infno: string): Timeouts {
  return { ...profile.defaultTimeouts, ...profile.perInfnoTimeouts[infno] };
}

export function isReversible(profile: RegionProfile, infno: string): boolean {
  return profile.reversible.has(infno);
}

/** What to do when a call's outcome is unknown: reverse it, or the profile's resolution. */
export function unknownOutcomePlan(profile: RegionProfile, infno: string): 'reverse' | UnknownResolution {
  if (profile.reversible.has(infno)) return 'reverse';
  return profile.unknownOutcome[infno] ?? 'needs-manual';
}

/** The 电子处方 step a code stands for in this region (null: none of the counter's steps). */
export function rxStepOf(profile: RegionProfile, infno: string): RxCodeStep | null {
  return RX_CODE_STEPS.find((step) => profile.rxCodes[step] === infno) ?? null;
}
