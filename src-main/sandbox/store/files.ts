/**
 * Files the center hands out or receives: 9101 uploads (3202 detail files), 9102 downloads
 * (catalogue ZIPs, 3202 results), addressed by file_qury_no and kept until they expire.
 */
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';
import { DuplicateKeyError, isUniqueViolation } from './errors';

export interface StoredFile {
  fileQuryNo: string;
  filename: string;
  fixmedinsCode: string;
  bytes: Uint8Array;
  /** e.g. `catalogue-1301`, `stmt-upload`, `stmt-result`. */
  purpose: string;
  /** yyyy-MM-dd HH:mm:ss */
  createdAt: string;
  expiresAt: string;
}

export interface StoredFileInfo extends Omit<StoredFile, 'bytes'> {
  size: number;
}

const COLUMNS = ['file_qury_no', 'filename', 'fixmedins_code', 'bytes', 'size', 'purpose', 'created_at', 'expires_at'] as const;
const INFO_COLUMNS = COLUMNS.filter((c) => c !== 'bytes');

export class FileRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly purgeStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(insertSql('file', COLUMNS));
    this.getStmt = db.prepare<[string], StoredFile & { bytes: Buffer }>(
      `SELECT ${selectList(COLUMNS.filter((c) => c !== 'size'))} FROM file WHERE file_qury_no = ?`,
    );
    this.listStmt = db.prepare<[string], StoredFileInfo>(
      `SELECT ${selectList(INFO_COLUMNS)} FROM file WHERE purpose LIKE ? ORDER BY created_at, file_qury_no`,
    );
    this.purgeStmt = db.prepare<[string]>('DELETE FROM file WHERE expires_at < ?');
  }

  put(file: StoredFile): void {
    try {
      this.insertStmt.run(toParams(COLUMNS, { ...file, bytes: Buffer.from(file.bytes), size: file.bytes.byteLength }));
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateKeyError('文件查询号', file.fileQuryNo);
      throw e;
    }
  }

  get(fileQuryNo: string): StoredFile | undefined {
    const row = this.getStmt.get(fileQuryNo);
    return row && { ...row, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
  }

  /** Metadata of stored files whose purpose starts with `purposePrefix` ('' = all). */
  list(purposePrefix = ''): StoredFileInfo[] {
    return this.listStmt.all(`${purposePrefix.replace(/[%_]/g, '')}%`);
  }

  /** Deletes files that expired before `now`; returns how many. */
  purgeExpired(now: string): number {
    return this.purgeStmt.run(now).changes;
  }
}
