/**
 * Reading the catalogue ZIP from 9102 without holding its text: the central directory is
 * read from the bytes, each TXT entry is inflated by node:zlib as a stream (native speed,
 * one chunk at a time) and handed out as whole lines. A 1,000,000-row file is ~300 MB of
 * text; only a chunk of it is in memory at once.
 */
import * as zlib from 'node:zlib';
import { Readable } from 'node:stream';

/** Why a file could not be read; the importer adds which catalogue it was. */
export class ZipTextError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ZipTextError';
  }
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly dataOffset: number;
}

/** zlib.crc32 arrived in Node 20.15 / 22.2; older runtimes check the size only. */
const crc32 = typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

/** The file entries of a ZIP (directories left out), from its central directory. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  if (bytes.length < 22 || readU32(bytes, 0) !== LOCAL_SIG) {
    throw new ZipTextError(`不是有效的 ZIP 文件 (文件头不是 PK\\3\\4, 共 ${bytes.length} 字节)`);
  }
  const eocd = findEocd(bytes);
  const count = readU16(bytes, eocd + 10);
  const cdOffset = readU32(bytes, eocd + 16);
  if (cdOffset === ZIP64_MARK) throw new ZipTextError('不支持 ZIP64 格式的目录文件');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || readU32(bytes, p) !== CENTRAL_SIG) throw new ZipTextError('ZIP 中央目录已损坏');
    const flags = readU16(bytes, p + 8);
    const method = readU16(bytes, p + 10);
    const crc = readU32(bytes, p + 16);
    const compressedSize = readU32(bytes, p + 20);
    const size = readU32(bytes, p + 24);
    const nameLen = readU16(bytes, p + 28);
    const extraLen = readU16(bytes, p + 30);
    const commentLen = readU16(bytes, p + 32);
    const localOffset = readU32(bytes, p + 42);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (compressedSize === ZIP64_MARK || size === ZIP64_MARK || localOffset === ZIP64_MARK) {
      throw new ZipTextError(`不支持 ZIP64 格式的目录文件 (${name})`);
    }
    if (flags & 1) throw new ZipTextError(`ZIP 中的 ${name} 已加密, 无法读取`);
    if (method !== 0 && method !== 8) throw new ZipTextError(`ZIP 中的 ${name} 使用了不支持的压缩方式 ${method}`);
    if (localOffset + 30 > bytes.length || readU32(bytes, localOffset) !== LOCAL_SIG) {
      throw new ZipTextError(`ZIP 中 ${name} 的本地文件头已损坏`);
    }
    const dataOffset = localOffset + 30 + readU16(bytes, localOffset + 26) + readU16(bytes, localOffset + 28);
    if (dataOffset + compressedSize > bytes.length) throw new ZipTextError(`ZIP 文件不完整: ${name} 的数据被截断`);
    entries.push({ name, method, compressedSize, size, crc, dataOffset });
  }
  return entries;
}

export interface LineChunk {
  /** Whole lines, without the line break (a trailing \r is kept for the parser to drop). */
  readonly lines: string[];
  /** 1-based line number of lines[0] within the entry. */
  readonly firstLine: number;
}

/** The message for text that is not UTF-8, shared by the readers here and the parse workers. */
export function notUtf8Message(entryName: string, line: number): string {
  return `${entryName} 不是 UTF-8 文本 (第 ${line} 行附近)`;
}

/**
 * The lines of one entry, a chunk at a time. Checks that the text is UTF-8 and that the
 * inflated size and CRC match the directory (a truncated or altered download fails here).
 */
export async function* entryLines(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<LineChunk> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let lineNo = 1;
  try {
    for await (const chunk of inflated(bytes, entry)) {
      const text = carry + decoder.decode(chunk, { stream: true });
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        carry = text;
        continue;
      }
      const lines = text.slice(0, end).split('\n');
      carry = text.slice(end + 1);
      yield { lines, firstLine: lineNo };
      lineNo += lines.length;
    }
    carry += decoder.decode();
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new ZipTextError(notUtf8Message(entry.name, lineNo), lineNo);
    }
    throw withLine(error, entry.name, lineNo);
  }
  if (carry !== '') yield { lines: [carry], firstLine: lineNo };
}

export interface LineBatch {
  /** UTF-8 bytes of whole lines (undecoded: the parse worker decodes them), in a buffer of their own. */
  readonly bytes: Uint8Array;
  /** 1-based line number of the first line within the entry. */
  readonly firstLine: number;
  /** Lines in the batch, blank ones included. */
  readonly lines: number;
  /** Data rows in the batch: its lines but the blank ones. */
  readonly rows: number;
}

/**
 * The lines of one entry as undecoded batches for the parse workers, batch k holding
 * `rowsPerBatch(k)` non-blank lines (the last one fewer). Lines are cut at the newline byte,
 * which never occurs inside a UTF-8 sequence; size and CRC are checked as by entryLines,
 * before the last batch is handed out.
 */
export async function* entryBatches(
  bytes: Uint8Array,
  entry: ZipEntry,
  rowsPerBatch: (batch: number) => number,
): AsyncGenerator<LineBatch> {
  let batch = 0;
  let limit = rowsPerBatch(batch);
  let parts: Uint8Array[] = [];
  let firstLine = 1;
  let lines = 0;
  let rows = 0;
  // The unfinished line carried from earlier chunks: its length and first byte (a blank line
  // has at most one byte, a \r).
  let partial = 0;
  let partialByte = 0;
  let first = true;
  try {
    for await (const chunk of inflated(bytes, entry)) {
      let start = 0;
      // A byte order mark is no text: the decoder drops it (a line of only a BOM is blank).
      let lineStart = first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
      first = false;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, nl + 1)) {
        const length = partial + nl - lineStart;
        const only = partial > 0 ? partialByte : chunk[lineStart];
        // A blank line (empty or a lone \r) is no row: the parser skips it.
        if (length > 1 || (length === 1 && only !== 13)) rows++;
        lines++;
        partial = 0;
        lineStart = nl + 1;
        if (rows >= limit) {
          parts.push(chunk.subarray(start, nl + 1));
          yield { bytes: concat(parts), firstLine, lines, rows };
          limit = rowsPerBatch(++batch);
          parts = [];
          firstLine += lines;
          lines = 0;
          rows = 0;
          start = nl + 1;
        }
      }
      if (lineStart < chunk.length) {
        if (partial === 0) partialByte = chunk[lineStart] as number;
        partial += chunk.length - lineStart;
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
    }
  } catch (error) {
    throw withLine(error, entry.name, firstLine + lines);
  }
  // The last line may end without a line break.
  if (partial > 1 || (partial === 1 && partialByte !== 13)) rows++;
  if (parts.length > 0) yield { bytes: concat(parts), firstLine, lines: lines + (partial > 0 ? 1 : 0), rows };
}

/** The parts in one new buffer of their own (a pooled Buffer could not be transferred to a worker). */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The inflated bytes of one entry, a chunk at a time; checks the size and CRC at its end. */
async function* inflated(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<Buffer> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const chunks: AsyncIterable<Buffer> =
    entry.method === 0 ? Readable.from([Buffer.from(data)]) : Readable.from([data]).pipe(inflater(entry.name));
  let size = 0;
  let crc = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (crc32) crc = crc32(chunk, crc);
    yield chunk;
  }
  if (size !== entry.size || (crc32 && crc >>> 0 !== entry.crc)) {
    throw new ZipTextError(`${entry.name} 内容与 ZIP 目录不符 (大小或 CRC 校验失败), 文件可能损坏`);
  }
}

/** A read failure as a ZipTextError naming the line it happened at. */
function withLine(error: unknown, entryName: string, line: number): ZipTextError {
  if (error instanceof ZipTextError) return error.line === undefined ? new ZipTextError(error.message, line) : error;
  return new ZipTextError(`${entryName} 解压失败: ${(error as Error).message}`, line);
}

function inflater(name: string) {
  const z = zlib.createInflateRaw({ chunkSize: 1 << 20 });
  z.on('error', (e) => z.destroy(new ZipTextError(`${name} 解压失败: ${e.message}`)));
  return z;
}

function findEocd(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= lowest; p--) {
    if (readU32(bytes, p) === EOCD_SIG) return p;
  }
  throw new ZipTextError('ZIP 文件不完整: 找不到中央目录结尾');
}

function readU16(b: Uint8Array, p: number): number {
  return (b[p] ?? 0) | ((b[p + 1] ?? 0) << 8);
}

function readU32(b: Uint8Array, p: number): number {
  return (readU16(b, p) | (readU16(b, p + 2) << 16)) >>> 0;
}
