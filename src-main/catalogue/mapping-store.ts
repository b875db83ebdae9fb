/**
 * The mapping and rule tables beside the items: the institution's own codes (3301 / 1317 /
 * by hand) → national code, 1316 医疗目录 → 医保目录, 1318 限价 and 1319 先自付比例. Rows move
 * forward in time only, like items (re-reading a page changes nothing).
 */
import { formatDateTime } from '../core/time';
import type { Ratio, UnitPrice } from '../core/money';
import type { Db } from '../storage/sqlite';

/** Where a local-code mapping came from. */
export type LocalCodeSource = '3301' | '1317' | 'manual';

export interface LocalCodeMapping {
  /** 医院自编码 / 医药机构目录编码, or a barcode the shop uses for the product. */
  readonly localCode: string;
  /** med_list_codg: the national code it is sold under. */
  readonly nationalCode: string;
  readonly localName?: string | null;
  readonly listType?: string | null;
  readonly source: LocalCodeSource;
  readonly valiFlag?: string;
  readonly begndate?: string | null;
  readonly enddate?: string | null;
  readonly updtTime?: string | null;
}

export interface HilistMapping {
  readonly medListCodg: string;
  readonly hilistCode: string;
  readonly listType: string | null;
  readonly valiFlag: string;
  readonly begndate: string | null;
  readonly enddate: string | null;
  readonly updtTime: string;
}

export interface PriceCap {
  readonly code: string;
  readonly lmtpricType: string;
  readonly pricUplmtAmt: UnitPrice;
  readonly valiFlag: string;
  readonly begndate: string | null;
  readonly enddate: string | null;
  readonly updtTime: string;
}

export interface SelfpayRatio {
  readonly code: string;
  readonly selfpayPropType: string;
  readonly selfpayProp: Ratio;
  readonly valiFlag: string;
  readonly begndate: string | null;
  readonly enddate: string | null;
  readonly updtTime: string;
}

/** Counts of one batch of upserts. */
export interface RowCounts {
  written: number;
  unchanged: number;
}

export class MappingStore {
  private readonly putLocal;
  private readonly localByCode;
  private readonly localByNational;
  private readonly putHilist;
  private readonly putCap;
  private readonly putRatio;
  private readonly capsOf;
  private readonly ratiosOf;
  private readonly countStmts: Record<string, { get(): { n: number } | undefined }>;

  constructor(readonly db: Db) {
    this.putLocal = db.prepare(
      `INSERT INTO catalogue_local_code (local_code, national_code, local_name, list_type, source, vali_flag, begndate,
         enddate, updt_time, updated_at)
       VALUES (@localCode, @nationalCode, @localName, @listType, @source, @valiFlag, @begndate, @enddate, @updtTime, @updatedAt)
       ON CONFLICT(local_code, national_code) DO UPDATE SET local_name = excluded.local_name, list_type = excluded.list_type,
         source = excluded.source, vali_flag = excluded.vali_flag, begndate = excluded.begndate, enddate = excluded.enddate,
         updt_time = excluded.updt_time, updated_at = excluded.updated_at
       WHERE excluded.updt_time IS NULL OR catalogue_local_code.updt_time IS NULL
         OR excluded.updt_time > catalogue_local_code.updt_time`,
    );
    this.localByCode = db.prepare<[string], { national_code: string }>(
      "SELECT national_code FROM catalogue_local_code WHERE local_code = ? AND vali_flag = '1' ORDER BY national_code",
    );
    this.localByNational = db.prepare<[string], { local_code: string; source: string }>(
      'SELECT local_code, source FROM catalogue_local_code WHERE national_code = ? ORDER BY local_code',
    );
    this.putHilist = db.prepare(
      `INSERT INTO catalogue_hilist_map (med_list_codg, hilist_code, list_type, vali_flag, begndate, enddate, updt_time)
       VALUES (@medListCodg, @hilistCode, @listType, @valiFlag, @begndate, @enddate, @updtTime)
       ON CONFLICT(med_list_codg, hilist_code) DO UPDATE SET list_type = excluded.list_type, vali_flag = excluded.vali_flag,
         begndate = excluded.begndate, enddate = excluded.enddate, updt_time = excluded.updt_time
       WHERE excluded.updt_time > catalogue_hilist_map.updt_time`,
    );
    this.putCap = db.prepare(
      `INSERT INTO catalogue_price_cap (code, lmtpric_type, pric_uplmt_amt, vali_flag, begndate, enddate, updt_time)
       VALUES (@code, @lmtpricType, @pricUplmtAmt, @valiFlag, @begndate, @enddate, @updtTime)
       ON CONFLICT(code, lmtpric_type) DO UPDATE SET pric_uplmt_amt = excluded.pric_uplmt_amt, vali_flag = excluded.vali_flag,
         begndate = excluded.begndate, enddate = excluded.enddate, updt_time = excluded.updt_time
       WHERE excluded.updt_time > catalogue_price_cap.updt_time`,
    );
    this.putRatio = db.prepare(
      `INSERT INTO catalogue_selfpay_ratio (code, selfpay_prop_type, selfpay_prop, vali_flag, begndate, enddate, updt_time)
       VALUES (@code, @selfpayPropType, @selfpayProp, @valiFlag, @begndate, @enddate, @updtTime)
       ON CONFLICT(code, selfpay_prop_type) DO UPDATE SET selfpay_prop = excluded.selfpay_prop, vali_flag = excluded.vali_flag,
         begndate = excluded.begndate, enddate = excluded.enddate, updt_time = excluded.updt_time
       WHERE excluded.updt_time > catalogue_selfpay_ratio.updt_time`,
    );
    this.capsOf = db.prepare<[string], { lmtpric_type: string; pric_uplmt_amt: number; vali_flag: string; updt_time: string }>(
      'SELECT lmtpric_type, pric_uplmt_amt, vali_flag, updt_time FROM catalogue_price_cap WHERE code = ? ORDER BY lmtpric_type',
    );
    this.ratiosOf = db.prepare<
      [string],
      { selfpay_prop_type: string; selfpay_prop: number; vali_flag: string; updt_time: string }
    >(
      `SELECT selfpay_prop_type, selfpay_prop, vali_flag, updt_time FROM catalogue_selfpay_ratio WHERE code = ?
       ORDER BY selfpay_prop_type`,
    );
    const count = (table: string) => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
    this.countStmts = {
      localCodes: count('catalogue_local_code'),
      hilistMappings: count('catalogue_hilist_map'),
      priceCaps: count('catalogue_price_cap'),
      selfpayRatios: count('catalogue_selfpay_ratio'),
    };
  }

  /** Adds or updates local-code mappings (3301 results, 1317 rows, or entered by hand). Call inside a transaction for many. */
  putLocalCodes(rows: readonly LocalCodeMapping[]): RowCounts {
    const updatedAt = formatDateTime(new Date());
    return this.each(rows, (m) =>
      this.putLocal.run({
        localName: null,
        listType: null,
        valiFlag: '1',
        begndate: null,
        enddate: null,
        updtTime: null,
        ...m,
        updatedAt,
      }),
    );
  }

  /** National codes a local code (or a shop barcode) stands for; valid mappings only. */
  nationalCodesOf(localCode: string): string[] {
    return this.localByCode.all(localCode).map((r) => r.national_code);
  }

  /** The institution's own codes for a national code. */
  localCodesOf(nationalCode: string): { localCode: string; source: string }[] {
    return this.localByNational.all(nationalCode).map((r) => ({ localCode: r.local_code, source: r.source }));
  }

  putHilistMappings(rows: readonly HilistMapping[]): RowCounts {
    return this.each(rows, (m) => this.putHilist.run(m));
  }

  putPriceCaps(rows: readonly PriceCap[]): RowCounts {
    return this.each(rows, (m) => this.putCap.run(m));
  }

  putSelfpayRatios(rows: readonly SelfpayRatio[]): RowCounts {
    return this.each(rows, (m) => this.putRatio.run(m));
  }

  /** 1318 caps of a code, by 限价类型. */
  priceCaps(code: string): { lmtpricType: string; pricUplmtAmt: UnitPrice; valiFlag: string; updtTime: string }[] {
    return this.capsOf.all(code).map((r) => ({
      lmtpricType: r.lmtpric_type,
      pricUplmtAmt: r.pric_uplmt_amt as UnitPrice,
      valiFlag: r.vali_flag,
      updtTime: r.updt_time,
    }));
  }

  /** 1319 ratios of a code, by 先自付比例类型. */
  selfpayRatios(code: string): { selfpayPropType: string; selfpayProp: Ratio; valiFlag: string; updtTime: string }[] {
    return this.ratiosOf.all(code).map((r) => ({
      selfpayPropType: r.selfpay_prop_type,
      selfpayProp: r.selfpay_prop as Ratio,
      valiFlag: r.vali_flag,
      updtTime: r.updt_time,
    }));
  }

  counts(): { localCodes: number; hilistMappings: number; priceCaps: number; selfpayRatios: number } {
    const n = (k: string) => this.countStmts[k]?.get()?.n ?? 0;
    return {
      localCodes: n('localCodes'),
      hilistMappings: n('hilistMappings'),
      priceCaps: n('priceCaps'),
      selfpayRatios: n('selfpayRatios'),
    };
  }

  private each<T>(rows: readonly T[], put: (row: T) => { changes: number }): RowCounts {
    const counts: RowCounts = { written: 0, unchanged: 0 };
    for (const row of rows) {
      if (put(row).changes > 0) counts.written++;
      else counts.unchanged++;
    }
    return counts;
  }
}
