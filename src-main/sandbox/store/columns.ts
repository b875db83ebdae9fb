/**
 * Tables keep the protocol's snake_case names; the TypeScript side uses camelCase. These
 * helpers derive both the SQL and the parameter objects from one column list, so a
 * column is named once.
 */

const camelCache = new Map<string, string>();

/** `det_item_fee_sumamt` → `detItemFeeSumamt` */
export function camel(column: string): string {
  let out = camelCache.get(column);
  if (out === undefined) {
    out = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelCache.set(column, out);
  }
  return out;
}

/** `a, b_c AS bC, …` for SELECT, so rows come back camelCased. */
export function selectList(columns: readonly string[], tableAlias?: string): string {
  const prefix = tableAlias ? `${tableAlias}.` : '';
  return columns.map((c) => (camel(c) === c ? prefix + c : `${prefix}${c} AS ${camel(c)}`)).join(', ');
}

/** `INSERT INTO t (a, b) VALUES (@a, @b)` */
export function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`;
}

/** Named parameters for insertSql from a camelCase object; missing values bind as NULL. */
export function toParams(columns: readonly string[], row: object): Record<string, unknown> {
  const source = row as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = source[camel(c)];
    out[c] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}
