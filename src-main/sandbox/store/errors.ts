/**
 * Typed failures of the sandbox store. Each is a YibaoError (stable code + Chinese text)
 * so the center can map it to an err_msg, and a subclass so callers can `instanceof` it.
 * Details carry ids only, never names or ID numbers.
 */
import { YibaoError } from '../../core/errors';

/** A message with this msgid was already processed (spec: msgid is unique per message). */
export class DuplicateMsgidError extends YibaoError {
  constructor(readonly msgid: string) {
    super('E_SANDBOX_DUPLICATE_MSGID', `报文ID(msgid)重复: ${msgid} 已处理过, 每笔交易必须使用新的 msgid`, { msgid });
    this.name = 'DuplicateMsgidError';
  }
}

/** A row the caller names does not exist (person, visit, settlement, file …). */
export class NotFoundError extends YibaoError {
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super('E_SANDBOX_NOT_FOUND', `${entity}不存在: ${key}`, { entity, key });
    this.name = 'NotFoundError';
  }
}

/** A unique key (other than msgid) is already taken: fee line serial, settlement id, file number. */
export class DuplicateKeyError extends YibaoError {
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super('E_SANDBOX_DUPLICATE_KEY', `${entity}重复: ${key}`, { entity, key });
    this.name = 'DuplicateKeyError';
  }
}

/** The personal account cannot cover the requested debit. */
export class InsufficientBalanceError extends YibaoError {
  constructor(
    readonly psnNo: string,
    readonly insutype: string,
    readonly balance: number,
    readonly requested: number,
  ) {
    super('E_SANDBOX_BALANCE', `个人账户余额不足 (险种 ${insutype})`, { psnNo, insutype, balance, requested });
    this.name = 'InsufficientBalanceError';
  }
}

/** A state change that the row's current state does not allow (cancel a cancelled settlement …). */
export class StateError extends YibaoError {
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly state: string,
    messageZh: string,
  ) {
    super('E_SANDBOX_STATE', messageZh, { entity, key, state });
    this.name = 'StateError';
  }
}

/** The database was seeded with another seed than the one asked for. */
export class SeedMismatchError extends YibaoError {
  constructor(
    readonly file: string,
    readonly recorded: number,
    readonly requested: number,
  ) {
    super(
      'E_SANDBOX_SEED_MISMATCH',
      `沙箱数据库 ${file} 是用种子 ${recorded} 生成的, 不能用种子 ${requested} 打开: 改回种子 ${recorded}, 或换一个数据目录 / 删除该文件后重新生成`,
      { file, recorded, requested },
    );
    this.name = 'SeedMismatchError';
  }
}

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

/** True when `e` is SQLite's UNIQUE / PRIMARY KEY violation, optionally on a given `table.column`. */
export function isUniqueViolation(e: unknown, column?: string): boolean {
  const err = e as SqliteLikeError | null;
  if (!err || (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')) return false;
  return column === undefined || (typeof err.message === 'string' && err.message.includes(column));
}
