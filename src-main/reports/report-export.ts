/**
 * Report files. CSV: UTF-8 with a BOM (Excel on Windows opens Chinese correctly only then),
 * CRLF, every table under its title, money as yuan text with two decimals. XLSX: one sheet per
 * table, money as numbers with the 0.00 format, so Excel can add them up.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, Row } from 'write-excel-file/node';
import { formatYuan, yuanNumber, type Fen } from '../core/money';
import { reportTables, type ReportTable } from './report-tables';
import type { DailyReport, ReportExport } from './views';

export type ExportFormat = 'xlsx' | 'csv';

const BOM = '\uFEFF';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvCell(table: ReportTable, column: number, value: string | number): string {
  const kind = table.columns[column]?.kind;
  if (kind === 'money' && typeof value === 'number') return formatYuan(value as Fen);
  return csvField(String(value));
}

export function reportCsv(report: DailyReport): Buffer {
  const lines: string[] = [];
  for (const table of reportTables(report)) {
    if (lines.length > 0) lines.push('');
    lines.push(csvField(`【${table.title}】`));
    lines.push(table.columns.map((c) => csvField(c.header)).join(','));
    for (const row of table.rows) lines.push(row.map((v, i) => csvCell(table, i, v)).join(','));
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

function xlsxCell(table: ReportTable, column: number, value: string | number): Cell {
  const kind = table.columns[column]?.kind;
  if (kind === 'money' && typeof value === 'number') return { value: yuanNumber(value as Fen), type: Number, format: '0.00' };
  if (kind === 'count' && typeof value === 'number') return { value, type: Number, format: '0' };
  return { value: String(value), type: String };
}

export async function reportXlsx(report: DailyReport): Promise<Buffer> {
  const sheets = reportTables(report).map((table) => {
    const header: Row = table.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }));
    const data: Row[] = [header, ...table.rows.map((row) => row.map((v, i) => xlsxCell(table, i, v)))];
    return {
      sheet: table.title,
      data,
      columns: table.columns.map((c) => ({ width: c.kind === 'text' ? 28 : 14 })),
    };
  });
  return writeXlsxFile(sheets).toBuffer();
}

export function reportFileName(report: DailyReport, format: ExportFormat): string {
  const who = report.scope.opter ? `_${report.scope.opter}` : '';
  return `结算日报_${report.fixmedinsCode}_${report.date}${who}.${format}`;
}

/** The file for the API: bytes as base64, the name and the MIME type. */
export async function exportReport(report: DailyReport, format: ExportFormat): Promise<ReportExport> {
  const bytes = format === 'xlsx' ? await reportXlsx(report) : reportCsv(report);
  return {
    filename: reportFileName(report, format),
    mime: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8',
    base64: bytes.toString('base64'),
  };
}
