/**
 * A batch of a large catalogue import, parsed off the main thread: the parse worker turns the
 * batch's lines into rows and writes them into a staging SQLite file of its own (a scratch
 * file, no journal); the importer attaches the file and copies the rows into catalogue_item
 * with one INSERT … SELECT. Binding a million rows value by value from JavaScript is what a
 * large import spends most of its time on, so that part runs in the workers, in parallel,
 * and the counter's database sees only SQL.
 *
 * The staging file holds a catalogue_item table created by the counter database's own CREATE
 * TABLE statement, with the ids the rows will have (the importer hands each batch its first
 * id), so that into an empty catalogue the copy is SQLite's transfer optimisation: whole
 * records copied, none decoded. The rows' name tokens come along as one JSON array per batch,
 * so the name index is filled without calling back into JS.
 */
import Database from 'better-sqlite3';
import { YibaoError } from '../core/errors';
import { fileError } from './errors';
import { FILE_ITEM_COLUMNS } from './item-columns';
import { parseLine, VER_PARAM } from './file-rows';
import { searchTokens } from './name-tokens';
import { notUtf8Message } from './zip-text';

/** The name the importer attaches a staging file under, and its tables. */
export const STAGE_SCHEMA = 'catalogue_stage';
export const STAGED_ITEMS = `${STAGE_SCHEMA}.catalogue_item`;
/** One row: `first_id` and `tokens`, the name tokens of the rows from that id on (JSON array). */
export const STAGED_NAMES = `${STAGE_SCHEMA}.staged_names`;

export interface StageContext {
  readonly infno: string;
  /** For messages. */
  readonly filename: string;
  /** The CREATE TABLE statement of catalogue_item in the counter database (sqlite_master.sql). */
  readonly itemTable: string;
}

export interface StageJob {
  /** Position of the batch in the file (0, 1, 2 …). */
  readonly seq: number;
  /** The ZIP entry, for messages. */
  readonly entryName: string;
  /** UTF-8 bytes of whole lines. */
  readonly bytes: Uint8Array;
  /** 1-based line number of the first line within the entry. */
  readonly firstLine: number;
  /** Data rows in the batch (as the importer counted them) and the id of the first. */
  readonly rows: number;
  readonly firstId: number;
  /** The staging file to create. */
  readonly file: string;
}

export interface StagedBatch {
  readonly seq: number;
  readonly file: string;
  /** Data rows written (blank lines are none). */
  readonly rows: number;
  /** Highest `ver` among them. */
  readonly maxVer: string | null;
}

const ITEM_COLUMNS = [...FILE_ITEM_COLUMNS, 'id'];
const NAME_PARAM = FILE_ITEM_COLUMNS.indexOf('name');
const PINYIN_PARAM = FILE_ITEM_COLUMNS.indexOf('pinyin');

/** Parses one batch and writes it to job.file. Throws the importer's errors (bad line: fileError). */
export function stageBatch(job: StageJob, ctx: StageContext): StagedBatch {
  let text: string;
  try {
    // The entry's first batch may start with a byte order mark, which the decoder drops; a
    // later batch starts mid-file, where U+FEFF would be text.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: job.firstLine > 1 }).decode(job.bytes);
  } catch {
    throw fileError(ctx.infno, ctx.filename, notUtf8Message(job.entryName, job.firstLine), job.firstLine);
  }
  const db = new Database(job.file);
  try {
    // A scratch file nobody else opens, deleted after the copy: no journal, no syncing, and
    // large pages (fewer system calls to write it here and to read it in the importer).
    db.pragma('page_size = 65536');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(ctx.itemTable);
    db.exec('CREATE TABLE staged_names (first_id INTEGER NOT NULL, tokens TEXT NOT NULL)');
    const insert = db.prepare(
      `INSERT INTO catalogue_item (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`,
    );
    const tokens: string[] = [];
    let maxVer: string | null = null;
    db.transaction(() => {
      let lineNo = job.firstLine;
      for (const line of text.split('\n')) {
        const params = parseLine(line, ctx.infno, ctx.filename, lineNo++);
        if (params === null) continue;
        const ver = params[VER_PARAM] as string | null;
        if (ver !== null && (maxVer === null || ver > maxVer)) maxVer = ver;
        tokens.push(searchTokens(params[NAME_PARAM] as string, params[PINYIN_PARAM] as string | null));
        params.push(job.firstId + tokens.length - 1);
        insert.run(params);
      }
      db.prepare('INSERT INTO staged_names (first_id, tokens) VALUES (?, ?)').run(job.firstId, JSON.stringify(tokens));
    })();
    // The importer numbered the rows from its own count of the lines: the ids hold only if both agree.
    if (tokens.length !== job.rows)
      throw new Error(`目录文件第 ${job.firstLine} 行起的批次: 解析出 ${tokens.length} 行, 应为 ${job.rows} 行`);
    const rows = tokens.length;
    return { seq: job.seq, file: job.file, rows, maxVer };
  } finally {
    db.close();
  }
}

/** An error as it crosses from a worker to the importer (structured clone keeps no classes). */
export interface WireError {
  readonly code?: string;
  readonly message: string;
  readonly detail?: Record<string, unknown>;
}

export function toWire(error: unknown): WireError {
  if (error instanceof YibaoError) return { code: error.code, message: error.messageZh, detail: error.detail };
  return { message: error instanceof Error ? error.message : String(error) };
}

export function fromWire(wire: WireError): Error {
  return wire.code === undefined ? new Error(wire.message) : new YibaoError(wire.code, wire.message, wire.detail);
}
