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

/**
 * The lines of one entry, a chunk at a time. Checks that the text is UTF-8 and that the
 * inflated size and CRC match the directory (a truncated or altered download fails here).
 */
export async function* entryLines(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<LineChunk> {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  const chunks: AsyncIterable<Buffer> =
    entry.method === 0 ? Readable.from([Buffer.from(data)]) : Readable.from([data]).pipe(inflater(entry.name));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let lineNo = 1;
  let inflated = 0;
  let crc = 0;
  try {
    for await (const chunk of chunks) {
      inflated += chunk.length;
      if (crc32) crc = crc32(chunk, crc);
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
    if (error instanceof ZipTextError) throw error;
    const message = (error as Error).message;
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new ZipTextError(`${entry.name} 不是 UTF-8 文本 (第 ${lineNo} 行附近)`, lineNo);
    }
    throw new ZipTextError(`${entry.name} 解压失败: ${message}`, lineNo);
  }
  if (inflated !== entry.size || (crc32 && crc >>> 0 !== entry.crc)) {
    throw new ZipTextError(`${entry.name} 内容与 ZIP 目录不符 (大小或 CRC 校验失败), 文件可能损坏`, lineNo);
  }
  if (carry !== '') yield { lines: [carry], firstLine: lineNo };
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
