/**
 * Turns a grid (header row + records) into rows of the spec for one kind, each checked with
 * the transaction's own row schema. A bad row is reported with its row number as the file
 * shows it (the header is row 1) and the column header, and does not stop the others.
 */
import { DATE_RE } from '../core/time';
import { parsePrice, parseQty, parseScaled, priceNumber, qtyNumber } from '../core/money';
import { YibaoError } from '../core/errors';
import { KINDS, type InventoryKind, type SpecRow } from './kinds';
import { chgTypeCode, dataTypeCode, INSURED_AREA_HEADER, LAYOUTS, type CellType, type Column } from './layouts';
import type { Cell, Grid } from './sheet-read';

export interface ImportedRow {
  /** Row number in the file (header = 1). */
  readonly rowNo: number;
  readonly row: SpecRow;
  readonly key: string;
  /** insuplc_admdvs for a sale naming a person. */
  readonly insuplcAdmdvs: string | null;
}

export interface RowError {
  readonly rowNo: number;
  readonly message: string;
}

export interface ImportedSheet {
  readonly rows: readonly ImportedRow[];
  readonly errors: readonly RowError[];
  /** Data rows read (non-empty). */
  readonly total: number;
}

class CellError extends Error {}

const asText = (cell: Cell): string => {
  if (cell === null) return '';
  if (cell instanceof Date) return formatUtcDate(cell);
  return String(cell).trim();
};

/**
 * XLSX date cells are calendar values read as UTC instants (a day serial with a fraction, so a
 * time may come back a few milliseconds off): rounded to the second and written in UTC.
 */
function utcText(d: Date): string {
  return new Date(Math.round(d.getTime() / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
const formatUtcDate = (d: Date): string => utcText(d).slice(0, 10);
const formatUtcDateTime = utcText;

const pad2 = (n: string) => n.padStart(2, '0');

function toDate(cell: Cell): string {
  if (cell instanceof Date) return formatUtcDate(cell);
  const t = asText(cell);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  const text = m ? `${m[1]}-${pad2(m[2] ?? '')}-${pad2(m[3] ?? '')}` : t;
  if (!DATE_RE.test(text)) throw new CellError(`"${t}" 不是日期 (yyyy-MM-dd)`);
  return text;
}

function toDateTime(cell: Cell): string {
  if (cell instanceof Date) return formatUtcDateTime(cell);
  const t = asText(cell);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) throw new CellError(`"${t}" 不是日期时间 (yyyy-MM-dd HH:mm:ss)`);
  const [, y, mo, d, h, mi, sec] = m;
  const text = `${y}-${pad2(mo ?? '')}-${pad2(d ?? '')} ${pad2(h ?? '0')}:${pad2(mi ?? '0')}:${pad2(sec ?? '0')}`;
  if (!DATE_RE.test(text.slice(0, 10))) throw new CellError(`"${t}" 不是有效日期`);
  return text;
}

function toDecimal(cell: Cell, scale: number): number {
  const t = asText(cell).replace(/,/g, '');
  let scaled: number;
  try {
    scaled = parseScaled(t, scale);
  } catch {
    throw new CellError(`"${t}" 不是数字, 或超过 ${scale} 位小数`);
  }
  if (scaled < 0) throw new CellError(`"${t}" 不能为负数`);
  // The wire number comes from the exact scaled integer (the text has at most `scale` places).
  return scale === 6 ? priceNumber(parsePrice(t)) : qtyNumber(parseQty(t));
}

function toFlag(cell: Cell): string {
  if (typeof cell === 'boolean') return cell ? '1' : '0';
  const t = asText(cell).toUpperCase();
  if (['1', '是', 'Y', 'YES', 'TRUE'].includes(t)) return '1';
  if (['0', '否', 'N', 'NO', 'FALSE'].includes(t)) return '0';
  throw new CellError(`"${asText(cell)}" 应为 是 / 否`);
}

const CONVERT: Record<CellType, (cell: Cell) => unknown> = {
  text: asText,
  date: toDate,
  datetime: toDateTime,
  qty2: (c) => toDecimal(c, 2),
  qty: (c) => toDecimal(c, 4),
  price: (c) => toDecimal(c, 6),
  flag: toFlag,
  'chg-type': (c) => {
    const code = chgTypeCode(asText(c));
    if (!code) throw new CellError(`变更类型 "${asText(c)}" 不存在 (101 调拨入库 … 107 其他出库)`);
    return code;
  },
  'data-type': (c) => {
    const code = dataTypeCode(asText(c));
    if (!code) throw new CellError(`数据类型 "${asText(c)}" 应为 1 盘存 / 2 库存变更 / 3 采购 / 4 销售`);
    return code;
  },
};

const isEmpty = (cell: Cell | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Finds each layout column in the header row; a missing required column fails the whole file. */
function locateColumns(kind: InventoryKind, header: readonly Cell[]): Map<Column, number> {
  const names = header.map((c) => asText(c));
  const found = new Map<Column, number>();
  const missing: string[] = [];
  for (const column of LAYOUTS[kind]) {
    const index = names.indexOf(column.header);
    if (index >= 0) found.set(column, index);
    else if (column.required) missing.push(column.header);
  }
  if (missing.length > 0) {
    throw new YibaoError(
      'E_INVENTORY_FILE',
      `文件第 1 行缺少${KINDS[kind].label}必需的列: ${missing.join(', ')} (列名见 yibao inventory import --help)`,
      { kind, missing },
    );
  }
  return found;
}

/** Reads the records of a grid as rows of `kind`. */
export function importRows(kind: InventoryKind, grid: Grid, lookupArea: (psnNo: string) => string | undefined): ImportedSheet {
  const header = grid[0];
  if (!header) throw new YibaoError('E_INVENTORY_FILE', '文件是空的: 第 1 行应为列名');
  const columns = locateColumns(kind, header);
  const areaIndex = header.findIndex((c) => asText(c) === INSURED_AREA_HEADER);
  const spec = KINDS[kind];
  const rows: ImportedRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  grid.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    if (cells.every(isEmpty)) return;
    total += 1;
    const problems: string[] = [];
    const row: SpecRow = {};
    for (const column of LAYOUTS[kind]) {
      const index = columns.get(column);
      const cell = index === undefined ? null : (cells[index] ?? null);
      if (isEmpty(cell)) continue;
      try {
        row[column.field] = CONVERT[column.type](cell);
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        problems.push(`[${column.header}] ${e.message}`);
      }
    }
    for (const column of LAYOUTS[kind]) {
      if (row[column.field] !== undefined || column.fallback === undefined) continue;
      row[column.field] = typeof column.fallback === 'function' ? column.fallback(row) : column.fallback;
    }
    if (problems.length === 0) {
      const checked = spec.rowSchema.safeParse(row);
      if (!checked.success) {
        for (const issue of checked.error.issues.slice(0, 3)) {
          const field = String(issue.path[0] ?? '');
          const headerText = LAYOUTS[kind].find((c) => c.field === field)?.header ?? field;
          problems.push(`[${headerText}] ${issue.message}`);
        }
      }
    }
    const psnNo = typeof row['psn_no'] === 'string' ? row['psn_no'] : '';
    const areaCell = areaIndex >= 0 ? asText(cells[areaIndex] ?? null) : '';
    const area = areaCell || (psnNo ? (lookupArea(psnNo) ?? '') : '');
    if (psnNo && !/^\d{6}$/.test(area))
      problems.push(`[${INSURED_AREA_HEADER}] 有人员编号时需填写 6 位参保地医保区划 (或先在本机读卡)`);
    const key = spec.keyOf(row);
    const earlier = seen.get(key);
    if (problems.length === 0 && earlier !== undefined) problems.push(`与第 ${earlier} 行是同一条记录 (重复)`);
    if (problems.length > 0) {
      errors.push({ rowNo, message: problems.join('; ') });
      return;
    }
    seen.set(key, rowNo);
    rows.push({ rowNo, row, key, insuplcAdmdvs: psnNo ? area : null });
  });
  return { rows, errors, total };
}
