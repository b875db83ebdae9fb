/**
 * 目录对照 at the counter: 3301 uploads "our item X is 医保目录 code Y", 3302 revokes it. Each
 * upload is kept (table mapping_upload) and feeds the local catalogue's local-code table
 * (MappingStore.putLocalCodes, source 3301) under the local code and, when given, the shop's
 * barcode, so item search finds the 医保 item by either; a revocation marks both invalid.
 *
 * 3301 and 3302 change one mapping each and the center refuses a repeat ("已存在" / "未找到"),
 * so after an unknown outcome the same call is simply made again: the repeat's refusal then
 * confirms the state the first one reached.
 */
import { YibaoError } from '../core/errors';
import { formatDate, formatDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import { RejectedError } from '../protocol/call-errors';
import { ItemReader } from '../catalogue/item-reader';
import { MappingStore } from '../catalogue/mapping-store';

export interface MappingRequest {
  /** 定点医药机构目录编号: the institution's own item code. */
  readonly localCode: string;
  /** 本机构名称; the local catalogue's name of the item when left out. */
  readonly localName?: string;
  /** 医保目录编码 (med_list_codg). */
  readonly nationalCode: string;
  /** 目录类别; taken from the local catalogue item when left out. */
  readonly listType?: string;
  /** The shop's barcode of the product (kept locally for search; not part of 3301). */
  readonly barcode?: string;
  /** yyyy-MM-dd, default today. */
  readonly begndate?: string;
  readonly operator?: Operator;
}

export interface MappingRecord {
  readonly localCode: string;
  readonly localName: string;
  readonly nationalCode: string;
  readonly listType: string;
  readonly barcode: string | null;
  readonly begndate: string;
  readonly state: 'uploaded' | 'revoked';
  readonly msgid: string | null;
  readonly uploadedAt: string;
  readonly revokedAt: string | null;
}

const SELECT = `SELECT local_code AS localCode, local_name AS localName, national_code AS nationalCode,
  list_type AS listType, barcode, begndate, state, msgid, uploaded_at AS uploadedAt, revoked_at AS revokedAt
  FROM mapping_upload`;

const ALREADY_MAPPED = /已存在|重复|已对照/;
const NOT_MAPPED = /未找到|不存在|无需撤销/;

export class MappingDesk {
  private readonly mappings: MappingStore;
  private readonly items: ItemReader;

  constructor(private readonly app: CounterApp) {
    this.mappings = new MappingStore(app.db);
    this.items = new ItemReader(app.db);
  }

  list(options: { includeRevoked?: boolean } = {}): MappingRecord[] {
    const where = options.includeRevoked ? '' : " WHERE state = 'uploaded'";
    return this.app.db.prepare<[], MappingRecord>(`${SELECT}${where} ORDER BY uploaded_at DESC, local_code`).all();
  }

  get(localCode: string): MappingRecord | undefined {
    return this.app.db.prepare<[string], MappingRecord>(`${SELECT} WHERE local_code = ?`).get(localCode);
  }

  /** 3301 for one item; afterwards local search finds the 医保 item by the local code and barcode. */
  async upload(req: MappingRequest): Promise<MappingRecord> {
    const listType = req.listType || this.listTypeOf(req.nationalCode);
    const localName = req.localName || this.nameOf(req.nationalCode);
    const begndate = req.begndate ?? formatDate(new Date());
    const input = {
      data: {
        fixmedins_hilist_id: req.localCode,
        fixmedins_hilist_name: localName,
        list_type: listType,
        med_list_codg: req.nationalCode,
        begndate,
        enddate: '',
        memo: '',
      },
    };
    let msgid: string;
    try {
      msgid = (await this.app.callAs(req.operator, '3301', input)).msgid;
    } catch (error) {
      // The center already holds exactly this mapping (e.g. an earlier attempt whose answer was lost).
      if (!(error instanceof RejectedError && ALREADY_MAPPED.test(error.errMsg) && error.errMsg.includes(req.nationalCode))) {
        throw error;
      }
      msgid = error.call.msgid;
    }
    const now = formatDateTime(new Date());
    this.app.db
      .prepare(
        `INSERT INTO mapping_upload (local_code, local_name, national_code, list_type, barcode, begndate, state, msgid,
           uploaded_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, 'uploaded', ?, ?, NULL)
         ON CONFLICT(local_code) DO UPDATE SET local_name = excluded.local_name, national_code = excluded.national_code,
           list_type = excluded.list_type, barcode = excluded.barcode, begndate = excluded.begndate, state = 'uploaded',
           msgid = excluded.msgid, uploaded_at = excluded.uploaded_at, revoked_at = NULL`,
      )
      .run(req.localCode, localName, req.nationalCode, listType, req.barcode || null, begndate, msgid, now);
    this.feedSearch(this.get(req.localCode) as MappingRecord, '1');
    return this.get(req.localCode) as MappingRecord;
  }

  /** 3302 for one uploaded mapping; local search no longer finds the item by its local code or barcode. */
  async revoke(localCode: string, operator?: Operator): Promise<MappingRecord> {
    const record = this.get(localCode);
    if (!record || record.state !== 'uploaded') {
      throw new YibaoError('E_MAPPING_UNKNOWN', `本机没有本机构编码 ${localCode} 的有效目录对照; 用 yibao mapping list 查看`, {
        localCode,
      });
    }
    const input = {
      data: {
        fixmedins_code: this.app.loaded.config.institution.fixmedinsCode,
        fixmedins_hilist_id: record.localCode,
        list_type: record.listType,
        med_list_codg: record.nationalCode,
      },
    };
    try {
      await this.app.callAs(operator, '3302', input);
    } catch (error) {
      // Nothing to revoke at the center: an earlier revocation whose answer was lost did it.
      if (!(error instanceof RejectedError && NOT_MAPPED.test(error.errMsg))) throw error;
    }
    this.app.db
      .prepare("UPDATE mapping_upload SET state = 'revoked', revoked_at = ? WHERE local_code = ?")
      .run(formatDateTime(new Date()), localCode);
    this.feedSearch(record, '0');
    return this.get(localCode) as MappingRecord;
  }

  private nameOf(nationalCode: string): string {
    const name = this.items.withCode(nationalCode)[0]?.name;
    if (!name) {
      throw new YibaoError(
        'E_MAPPING_NAME',
        `本地目录中没有医保目录编码 ${nationalCode}; 请给出本机构名称 (--name) 或先同步目录`,
        {
          nationalCode,
        },
      );
    }
    return name;
  }

  private listTypeOf(nationalCode: string): string {
    const listType = this.items.withCode(nationalCode)[0]?.listType;
    if (!listType) {
      throw new YibaoError(
        'E_MAPPING_LIST_TYPE',
        `本地目录中没有医保目录编码 ${nationalCode} (或没有目录类别); 请给出目录类别 (101 西药中成药, 102 中药饮片, 201 医疗服务项目, 301 医用耗材) 或先同步目录`,
        { nationalCode },
      );
    }
    return listType;
  }

  /** The local code and the barcode stand for the national code in item search (valid or not). */
  private feedSearch(record: MappingRecord, valiFlag: '0' | '1'): void {
    const codes = [record.localCode, ...(record.barcode ? [record.barcode] : [])];
    this.mappings.putLocalCodes(
      codes.map((localCode) => ({
        localCode,
        nationalCode: record.nationalCode,
        localName: record.localName,
        listType: record.listType,
        source: '3301' as const,
        valiFlag,
        begndate: record.begndate,
      })),
    );
  }
}

const desks = new WeakMap<CounterApp, MappingDesk>();

export function mappingDeskOf(app: CounterApp): MappingDesk {
  let desk = desks.get(app);
  if (!desk) {
    desk = new MappingDesk(app);
    desks.set(app, desk);
  }
  return desk;
}
