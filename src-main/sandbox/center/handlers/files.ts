/**
 * 9101 文件上传 / 9102 文件下载 (protocol.md §2.18), and `keepFile`, which every handler that
 * hands out a file (1301–1315 catalogues, 3202 results) uses so all files expire alike.
 *
 * Who may download what: catalogue files are public and are asked for with
 * fixmedins_code = literal `plc` (§2.16); every other file belongs to one institution and
 * is asked for with that institution's own code, from that institution.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { unzipSync } from 'fflate';
import { formatDateTime } from '../../../core/time';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

/** fixmedins_code of public files (catalogue downloads). */
export const PUBLIC_FILE_OWNER = 'plc';
/**
 * file_qury_no prefix of a catalogue answer with data_cnt 0: there is no file, and 9102
 * says so instead of "not found". Real numbers start with FQ (IdMint), so they never clash.
 */
export const NO_FILE_PREFIX = 'NODATA-';
/** How long a stored file can be downloaded. */
const FILE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Purposes of stored files (the store's `purpose` column). */
export const FILE_PURPOSE = {
  catalogue: (infno: string) => `catalogue-${infno}`,
  upload: 'upload',
  statementResult: 'stmt-result',
} as const;

export interface KeptFile {
  readonly fileQuryNo: string;
  readonly filename: string;
  /** yyyy-MM-dd HH:mm:ss after which 9102 refuses the file. */
  readonly expiresAt: string;
}

/** Stores bytes under a new file_qury_no, downloadable for a day. */
export function keepFile(
  ctx: HandlerContext<unknown>,
  file: { filename: string; owner: string; purpose: string; bytes: Uint8Array },
): KeptFile {
  const fileQuryNo = ctx.ids.fileQuryNo(ctx.now);
  const expiresAt = formatDateTime(new Date(ctx.now.getTime() + FILE_LIFETIME_MS));
  ctx.store.files.put({
    fileQuryNo,
    filename: file.filename,
    fixmedinsCode: file.owner,
    bytes: file.bytes,
    purpose: file.purpose,
    createdAt: ctx.nowText,
    expiresAt,
  });
  return { fileQuryNo, filename: file.filename, expiresAt };
}

/**
 * A stored file the requesting institution may read: it exists, has not expired and is
 * either public or its own. `owner` is what the request claims (9102's fixmedins_code).
 */
export function requireOwnFile(ctx: HandlerContext<unknown>, fileQuryNo: string, owner: string) {
  const file = ctx.store.files.get(fileQuryNo);
  if (!file) reject(`文件查询号 ${fileQuryNo} 不存在`);
  if (file.expiresAt < ctx.nowText) reject(`文件 ${fileQuryNo} 已于 ${file.expiresAt} 过期, 请重新申请`);
  if (file.fixmedinsCode === PUBLIC_FILE_OWNER) {
    if (owner !== PUBLIC_FILE_OWNER) reject(`文件 ${fileQuryNo} 是目录文件, 下载时 fixmedins_code 应填 ${PUBLIC_FILE_OWNER}`);
  } else {
    // Not someone else's file, and said so without telling whose it is.
    if (file.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`文件查询号 ${fileQuryNo} 不存在`);
    if (owner !== ctx.envelope.fixmedins_code) {
      reject(`下载本机构文件时 fixmedins_code 应为本机构编码 ${ctx.envelope.fixmedins_code}, 不是 ${owner}`);
    }
  }
  return file;
}

function upload(ctx: HandlerContext<SandboxInput<'9101'>>) {
  const { in: byteList, filename, fixmedins_code } = ctx.input.fsUploadIn;
  const owner = ctx.envelope.fixmedins_code;
  if (fixmedins_code !== owner) {
    reject(`fsUploadIn.fixmedins_code ${fixmedins_code} 与报文头定点医药机构编码 ${owner} 不符`);
  }
  // `in` is the file as a byte array (protocol.md §2.18): numbers 0–255.
  if (!Array.isArray(byteList) || !byteList.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    reject('fsUploadIn.in 应为文件内容的字节数组 (0–255 的整数)');
  }
  if (!filename) reject('fsUploadIn.filename 必填');
  const bytes = Uint8Array.from(byteList as number[]);
  let entries: string[];
  try {
    entries = Object.keys(unzipSync(bytes));
  } catch (error) {
    reject(`上传文件 ${filename} 不是有效的 ZIP 压缩文件 (${(error as Error).message})`);
  }
  if (entries.filter((name) => !name.endsWith('/')).length === 0) reject(`上传的 ZIP 文件 ${filename} 中没有文件`);
  const kept = keepFile(ctx, { filename, owner, purpose: FILE_PURPOSE.upload, bytes });
  return { output: { file_qury_no: kept.fileQuryNo, filename, fixmedins_code: owner, dld_endtime: kept.expiresAt } };
}

function download(ctx: HandlerContext<SandboxInput<'9102'>>) {
  const { file_qury_no, filename, fixmedins_code } = ctx.input.fsDownloadIn;
  if (file_qury_no.startsWith(NO_FILE_PREFIX))
    reject(`目录已是最新 (data_cnt 为 0), 文件查询号 ${file_qury_no} 没有可下载的文件`);
  const file = requireOwnFile(ctx, file_qury_no, fixmedins_code);
  if (file.filename !== filename) reject(`文件名 ${filename} 与文件查询号 ${file_qury_no} 的文件 (${file.filename}) 不符`);
  return { bytes: Buffer.from(file.bytes), filename: file.filename };
}

export const fileHandlers: HandlerTable = {
  '9101': upload,
  '9102': download,
};
