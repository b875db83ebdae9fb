/**
 * 目录对照 from a file (CSV or XLSX, first row the headers below): each row is uploaded with
 * 3301 on its own, and its result (or the reason it was refused) is reported with its row
 * number; one bad row does not stop the others.
 */
import { isYibaoError, YibaoError } from '../core/errors';
import type { Operator } from '../protocol/center-client';
import { readGrid, type Cell } from '../inventory/sheet-read';
import type { MappingDesk } from './mapping-desk';

/** Headers of a mapping file; the first three are required. */
export const MAPPING_COLUMNS = {
  localCode: '本机构编码',
  localName: '本机构名称',
  nationalCode: '医保目录编码',
  listType: '目录类别',
  barcode: '条形码',
  begndate: '开始日期',
} as const;

export interface MappingRowResult {
  readonly rowNo: number;
  readonly localCode: string;
  readonly ok: boolean;
  readonly message: string;
}

const text = (c: Cell | undefined): string => (c === null || c === undefined ? '' : c instanceof Date ? '' : String(c).trim());

export async function uploadMappingFile(
  desk: MappingDesk,
  filename: string,
  bytes: Uint8Array,
  operator?: Operator,
): Promise<MappingRowResult[]> {
  const grid = await readGrid(filename, bytes);
  const header = (grid[0] ?? []).map((c) => text(c));
  const index = Object.fromEntries(Object.entries(MAPPING_COLUMNS).map(([k, h]) => [k, header.indexOf(h)])) as Record<
    keyof typeof MAPPING_COLUMNS,
    number
  >;
  const missing = (['localCode', 'localName', 'nationalCode'] as const).filter((k) => index[k] < 0);
  if (missing.length > 0) {
    throw new YibaoError('E_MAPPING_FILE', `文件第 1 行缺少列: ${missing.map((k) => MAPPING_COLUMNS[k]).join(', ')}`, {
      filename,
    });
  }
  const results: MappingRowResult[] = [];
  for (const [i, cells] of grid.slice(1).entries()) {
    const get = (k: keyof typeof MAPPING_COLUMNS) => (index[k] >= 0 ? text(cells[index[k]]) : '');
    const rowNo = i + 2;
    if (cells.every((c) => text(c) === '')) continue;
    const localCode = get('localCode');
    const missingValue = (['localCode', 'localName', 'nationalCode'] as const).find((k) => get(k) === '');
    if (missingValue) {
      results.push({ rowNo, localCode, ok: false, message: `[${MAPPING_COLUMNS[missingValue]}] 必填` });
      continue;
    }
    try {
      await desk.upload({
        localCode,
        localName: get('localName'),
        nationalCode: get('nationalCode'),
        listType: get('listType') || undefined,
        barcode: get('barcode') || undefined,
        begndate: get('begndate') || undefined,
        operator,
      });
      results.push({ rowNo, localCode, ok: true, message: '已上传 (3301)' });
    } catch (error) {
      if (!isYibaoError(error)) throw error;
      results.push({ rowNo, localCode, ok: false, message: `[${error.code}] ${error.messageZh}` });
    }
  }
  return results;
}
