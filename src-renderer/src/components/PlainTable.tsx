/**
 * A small fixed table as plain HTML, styled like antd's `<Table size="small">` (app.css `.plain-table`). For the
 * tables the till draws at each step (the lines being entered, a pre-settlement's and a settlement's amounts, the
 * person's insurance rows): antd's Table measures the scrollbar on every mount (a forced layout) and builds a
 * dozen components per cell, most of a step's time in the till's traces (issue 17). No sorting, paging or
 * scrolling: these tables hold a handful of rows. Rows carry `data-row-key` as antd's do.
 */
import { memo, type CSSProperties, type Key, type ReactNode } from 'react';

export interface PlainColumn<T> {
  readonly key: string;
  readonly title: ReactNode;
  readonly width?: number;
  readonly align?: 'left' | 'right' | 'center';
  render(row: T, index: number): ReactNode;
}

interface PlainTableProps<T> {
  readonly columns: readonly PlainColumn<T>[];
  readonly rows: readonly T[];
  rowKey(row: T): Key;
  /** A row's own class (the bill being settled …). */
  rowClassName?(row: T): string;
  readonly emptyText?: ReactNode;
  /** A last row under the body (a total), as antd's `summary`. */
  readonly summary?: ReactNode;
  readonly style?: CSSProperties;
  readonly 'data-testid'?: string;
}

function PlainTableOf<T>({ columns, rows, rowKey, rowClassName, emptyText, summary, style, ...rest }: PlainTableProps<T>) {
  const cellStyle = (c: PlainColumn<T>): CSSProperties | undefined =>
    c.width === undefined && c.align === undefined ? undefined : { width: c.width, textAlign: c.align };
  return (
    <div className="plain-table" style={style} data-testid={rest['data-testid']}>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} style={cellStyle(c)}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const key = rowKey(r);
            return (
              <tr key={key} data-row-key={key} className={rowClassName?.(r) || undefined}>
                {columns.map((c) => (
                  <td key={c.key} style={c.align ? { textAlign: c.align } : undefined}>
                    {c.render(r, i)}
                  </td>
                ))}
              </tr>
            );
          })}
          {rows.length === 0 && emptyText !== undefined && (
            <tr className="plain-table-empty">
              <td colSpan={columns.length}>{emptyText}</td>
            </tr>
          )}
        </tbody>
        {summary && <tfoot>{summary}</tfoot>}
      </table>
    </div>
  );
}

export const PlainTable = memo(PlainTableOf) as typeof PlainTableOf;
