/**
 * The center calls a catalogue sync makes, through the counter app (signed-in operator,
 * journal, profile timeouts): version download + 9102, paged queries, 1901. Kept behind an
 * interface so the sync logic reads as the protocol describes it.
 */
import { YibaoError } from '../core/errors';
import { formatDate } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import { catalogueLabel } from './catalogues';

export interface VersionAnswer {
  readonly fileQuryNo: string;
  readonly filename: string;
  readonly dataCnt: number;
}

export interface PageAnswer {
  readonly rows: readonly Record<string, unknown>[];
  /** Total rows matching, when the center says. */
  readonly recordCounts: number | null;
}

export interface DictionaryRow {
  readonly type?: string;
  readonly value: string;
  readonly label: string;
  readonly parentValue?: string;
  readonly sort?: number;
  readonly valiFlag?: string;
}

export interface CataloguePort {
  /** 1301–1315: what is newer than `ver` (data_cnt 0: up to date). */
  versionDownload(infno: string, ver: string): Promise<VersionAnswer>;
  /** 9102 of a catalogue file (fixmedins_code `plc`): the ZIP bytes. */
  downloadFile(infno: string, answer: VersionAnswer): Promise<Uint8Array>;
  /** 1312 / 1312a / 1316–1319: one page of rows updated since `updtTime`. */
  page(infno: string, updtTime: string, pageNum: number, pageSize: number): Promise<PageAnswer>;
  /** 1901: one dictionary type, valid entries. */
  dictionary(type: string): Promise<DictionaryRow[]>;
}

/** fixmedins_code of public catalogue files in 9102 (protocol.md §2.16). */
export const PUBLIC_FILE_OWNER = 'plc';

export function centerPort(app: CounterApp, operator?: Operator): CataloguePort {
  const call = async (infno: string, input: Record<string, unknown>) => (await app.callAs(operator, infno, input)).output;
  return {
    async versionDownload(infno, ver) {
      const out = (await call(infno, { data: { ver } })) as { file_qury_no: string; filename: string; data_cnt: number };
      return { fileQuryNo: out.file_qury_no, filename: out.filename, dataCnt: out.data_cnt };
    },
    async downloadFile(infno, answer) {
      const out = await call('9102', {
        fsDownloadIn: { file_qury_no: answer.fileQuryNo, filename: answer.filename, fixmedins_code: PUBLIC_FILE_OWNER },
      });
      if (!(out instanceof Uint8Array)) {
        throw new YibaoError(
          'E_CATALOGUE_FILE',
          `目录 ${catalogueLabel(infno)} 的文件 ${answer.filename}: 9102 没有返回文件内容`,
          {
            infno,
            filename: answer.filename,
          },
        );
      }
      return out;
    },
    async page(infno, updtTime, pageNum, pageSize) {
      const out = (await call(infno, { data: { updt_time: updtTime, page_num: pageNum, page_size: pageSize } })) as {
        data: Record<string, unknown>[];
        recordCounts?: number | null;
      };
      return { rows: out.data, recordCounts: out.recordCounts ?? null };
    },
    async dictionary(type) {
      const out = (await call('1901', {
        data: {
          type,
          parentValue: '',
          admdvs: app.loaded.config.institution.mdtrtareaAdmvs,
          date: formatDate(new Date()),
          valiFlag: '1',
        },
      })) as { list: DictionaryRow[] };
      return out.list;
    },
  };
}
