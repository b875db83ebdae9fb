/**
 * Reads an import file into a grid of cells: CSV (UTF-8, with or without BOM, or GBK as Excel
 * on a Chinese Windows saves it; comma separated, "quoted" fields with "" inside, CRLF or LF)
 * or XLSX (first sheet, read-excel-file). Numbers stay the text they were written as, so
 * 12.30 never passes through a float; a date-formatted XLSX cell arrives as a Date.
 */
import readXlsxFile from 'read-excel-file/node';
import { YibaoError } from '../core/errors';
import { withoutBom } from '../core/bom';

export type Cell = string | Date | boolean | null;
export type Grid = Cell[][];

export function fileFormatOf(filename: string): 'csv' | 'xlsx' {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  throw new YibaoError('E_INVENTORY_FILE', `不支持的文件类型: ${filename}; 请用 .csv 或 .xlsx (Excel 2007 及以后)`, { filename });
}

export async function readGrid(filename: string, bytes: Uint8Array): Promise<Grid> {
  return fileFormatOf(filename) === 'csv' ? parseCsv(decodeCsv(filename, bytes)) : readXlsx(filename, bytes);
}

/** UTF-8 when the bytes are valid UTF-8, else GBK (a CSV saved by Excel on Chinese Windows). */
export function decodeCsv(filename: string, bytes: Uint8Array): string {
  try {
    return withoutBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new YibaoError(
        'E_INVENTORY_FILE',
        `${filename} 既不是 UTF-8 也不是 GBK 编码的文本; 请在 Excel 中另存为 CSV UTF-8`,
        {
          filename,
        },
        { cause },
      );
    }
  }
}

/** RFC 4180 CSV: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Grid {
  const rows: Grid = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (text[i + 1] === '\n') i += 1;
      endRow();
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new YibaoError('E_INVENTORY_FILE', 'CSV 文件中有未闭合的引号 ("), 文件可能不完整');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

async function readXlsx(filename: string, bytes: Uint8Array): Promise<Grid> {
  try {
    const sheets = await readXlsxFile<string>(Buffer.from(bytes), { parseNumber: (text) => text });
    const first = sheets[0];
    if (!first) throw new Error('no sheet');
    return first.data.map((r) => r.map((c) => (c === null || c === undefined ? null : (c as unknown as Cell))));
  } catch (cause) {
    throw new YibaoError(
      'E_INVENTORY_FILE',
      `${filename} 不是可读取的 XLSX 文件: ${(cause as Error).message}`,
      { filename },
      { cause },
    );
  }
}
