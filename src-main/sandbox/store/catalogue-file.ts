/**
 * The 1301–1315 download file: a ZIP holding one UTF-8 TXT, one catalogue row per line,
 * TAB-separated, empty values as the literal `null` (protocol.md §1.3, §2.16). The column
 * order is the sandbox's own CATALOGUE_FILE_COLUMNS (spec/catalogue-file.ts); money-like columns use the protocol's decimals
 * (ratio 4 places, unit price 6 places).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { formatPrice, formatRatio, type Ratio, type UnitPrice } from '../amounts';
import type { CatalogueInfno, CatalogueRepo } from './catalogue';

export { CATALOGUE_FILE_COLUMNS, NULL_TEXT, type CatalogueFileColumn } from '../spec/catalogue-file';
import { CATALOGUE_FILE_COLUMNS, NULL_TEXT, type CatalogueFileColumn } from '../spec/catalogue-file';

export interface CatalogueFile {
  infno: CatalogueInfno;
  /** ZIP name to hand out via 9102. */
  filename: string;
  /** Name of the TXT inside the ZIP. */
  txtName: string;
  zip: Uint8Array;
  rowCount: number;
  /** Highest ver contained; equals the requested ver when there is nothing newer. */
  maxVer: string;
  /** Versions contained, oldest first. */
  versions: string[];
}

export interface BuildOptions {
  /**
   * Whole versions per file (default 1). Files always end on a version boundary, so a client
   * that asks again with the file's max ver gets exactly the rest; one version per file makes
   * clients exercise the spec's "repeat until no data" loop.
   */
  maxVersions?: number;
}

/** Builds the download file for rows with ver > `afterVer`. */
export function buildCatalogueFile(
  repo: CatalogueRepo,
  infno: CatalogueInfno,
  afterVer: string,
  options: BuildOptions = {},
): CatalogueFile {
  const maxVersions = Math.max(1, options.maxVersions ?? 1);
  const versions = repo.versionsAfter(infno, afterVer).slice(0, maxVersions);
  const maxVer = versions.at(-1)?.ver ?? afterVer;
  const lines: string[] = [];
  if (versions.length > 0) {
    for (const row of repo.iterateColumns(infno, afterVer, maxVer, CATALOGUE_FILE_COLUMNS)) lines.push(toLine(row));
  }
  const base = `${infno}_${maxVer}`;
  const txtName = `${base}.txt`;
  const text = lines.length > 0 ? lines.join('\n') + '\n' : '';
  // Level 1: a 100k-row file zips in about half the time of level 6 for ~15 % more bytes.
  const zip = zipSync({ [txtName]: [strToU8(text), { level: 1 }] });
  return {
    infno,
    filename: `plc_${base}.zip`,
    txtName,
    zip,
    rowCount: lines.length,
    maxVer,
    versions: versions.map((v) => v.ver),
  };
}

/** Reads a catalogue ZIP back into rows keyed by column name (`null` → null). */
export function readCatalogueFile(zip: Uint8Array): Record<CatalogueFileColumn, string | null>[] {
  const entries = Object.entries(unzipSync(zip));
  if (entries.length !== 1) throw new Error(`catalogue ZIP must hold exactly one file, found ${entries.length}`);
  const text = strFromU8((entries[0] as [string, Uint8Array])[1]);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const cells = line.split('\t');
      if (cells.length !== CATALOGUE_FILE_COLUMNS.length) {
        throw new Error(`catalogue line has ${cells.length} columns, expected ${CATALOGUE_FILE_COLUMNS.length}`);
      }
      const row = {} as Record<CatalogueFileColumn, string | null>;
      CATALOGUE_FILE_COLUMNS.forEach((c, i) => (row[c] = cells[i] === NULL_TEXT ? null : (cells[i] as string)));
      return row;
    });
}

const FORMATTERS: Partial<Record<CatalogueFileColumn, (v: number) => string>> = {
  selfpay_prop: (v) => formatRatio(v as Ratio),
  pric_uplmt_amt: (v) => formatPrice(v as UnitPrice),
  ref_pric: (v) => formatPrice(v as UnitPrice),
};
const COLUMN_FORMATTERS = CATALOGUE_FILE_COLUMNS.map((c) => FORMATTERS[c]);

function toLine(row: readonly unknown[]): string {
  return row
    .map((value, i) => {
      const format = COLUMN_FORMATTERS[i];
      return cell(format && typeof value === 'number' ? format(value) : (value as string | number | null));
    })
    .join('\t');
}

/** TABs and line breaks would break the format; the literal `null` stands for empty. */
function cell(value: string | number | null): string {
  if (value === null || value === '') return NULL_TEXT;
  return String(value).replace(/[\t\r\n]+/g, ' ');
}
