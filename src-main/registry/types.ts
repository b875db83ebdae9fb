/** One row of the national interface list (shared/spec/interfaces.tsv). */
export interface InterfaceRecord {
  /** Transaction number, spelling kept: `1312a` is not `1312A`. */
  readonly code: string;
  readonly name: string;
  /** 一级分类, e.g. "1-基础信息". */
  readonly category: string;
  /** 二级分类. */
  readonly subcategory: string;
  /** 实时 → realtime, 定时/每天 → scheduled, not given → unspecified. */
  readonly mode: 'realtime' | 'scheduled' | 'unspecified';
  readonly modeText: string;
  readonly description: string;
  /** Mandatory in the acceptance list for 药店 / 诊所 / 一级医院 / 二级及以上医院. */
  readonly mandatory: {
    readonly pharmacy: boolean;
    readonly clinic: boolean;
    readonly hosp1: boolean;
    readonly hosp2: boolean;
  };
  /** Which source lists name it: national, hubei, sichuan, jiwei (基卫升级), summary. */
  readonly regions: readonly RegionListName[];
  /** Sichuan implementation priority: 1 最优, 2 次级, 3 最后. */
  readonly sichuanPriority: 1 | 2 | 3 | null;
}

export type RegionListName = 'national' | 'hubei' | 'sichuan' | 'jiwei' | 'summary';
export type InstitutionKind = 'pharmacy' | 'clinic' | 'hosp1' | 'hosp2';
