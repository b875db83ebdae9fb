/**
 * Scanners in "HID POS" mode (USB HID Point of Sale, usage page 0x8C; Honeywell / Zebra and many
 * Chinese OEM scanners) send the decoded code in 64-byte input reports, without the keyboard's
 * limits (any byte, so GBK / UTF-8 names arrive intact):
 *
 *   byte 0        report ID 0x02 (scanned data)
 *   byte 1        n = number of data bytes in this report (0–56)
 *   bytes 2–4     AIM symbology identifier, e.g. "]Q1" for QR Code
 *   bytes 5…5+n   data
 *   byte 63 bit 0 1 = more reports of the same scan follow
 *
 * Reports with another ID (status, command answers) are not scans and are skipped. A scan ends with a
 * report whose "more" bit is clear.
 */
export const SCANNED_DATA_REPORT_ID = 0x02;
const HEADER = 5;
const MORE_BYTE = 63;

export interface PosReport {
  readonly data: Uint8Array;
  /** AIM symbology identifier (]Q1 QR Code, ]d2 Data Matrix, ]C0 Code 128 …). */
  readonly symbology: string;
  readonly more: boolean;
}

/** One report as node-hid delivers it (report ID first); null when it is not a scanned-data report. */
export function decodePosReport(report: Uint8Array): PosReport | null {
  if (report.length < HEADER || report[0] !== SCANNED_DATA_REPORT_ID) return null;
  const declared = report[1] as number;
  const available = Math.min(report.length, MORE_BYTE) - HEADER;
  const n = Math.min(declared, Math.max(0, available));
  const symbology = String.fromCharCode(report[2] as number, report[3] as number, report[4] as number).replace(/\0/g, '');
  const more = report.length > MORE_BYTE && ((report[MORE_BYTE] as number) & 1) === 1;
  return { data: report.slice(HEADER, HEADER + n), symbology, more };
}

/** Collects the reports of one scan; returns the scan's bytes when its last report arrived. */
export class PosScanCollector {
  private parts: Uint8Array[] = [];

  push(report: Uint8Array): Uint8Array | null {
    const decoded = decodePosReport(report);
    if (!decoded) return null;
    this.parts.push(decoded.data);
    if (decoded.more) return null;
    const size = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.parts = [];
    return out;
  }

  reset(): void {
    this.parts = [];
  }
}
