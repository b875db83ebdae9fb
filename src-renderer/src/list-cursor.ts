/**
 * A table the cashier drives by keyboard: ↑ / ↓ (and PgUp / PgDn, Home / End) move a visible
 * selection, Enter acts on the selected row. The table's page follows the selection, and the
 * selected row is scrolled into the window.
 */
import { useEffect, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import { moveCursor } from './list-moves';

export interface ListCursor<Row> {
  /** Index of the selected row in the whole list (clamped; -1 for an empty list). */
  readonly index: number;
  /** Props for the focusable element around the table. */
  readonly keys: { tabIndex: number; onKeyDown: (event: KeyboardEvent) => void };
  /** antd Table props: the selected row marked (class and aria-selected), a click selects. */
  readonly rowClassName: (row: Row, indexOnPage: number) => string;
  readonly onRow: (row: Row, indexOnPage?: number) => HTMLAttributes<HTMLElement>;
  readonly pagination: { current: number; pageSize: number; showSizeChanger: false; onChange: (page: number) => void };
}

export function useListCursor<Row>(
  rows: readonly Row[],
  options: { pageSize: number; rowKey: (row: Row) => string; onEnter: (row: Row) => void },
): ListCursor<Row> {
  const { pageSize, rowKey, onEnter } = options;
  const [selected, setSelected] = useState(0);
  const index = rows.length === 0 ? -1 : Math.min(selected, rows.length - 1);
  const page = index < 0 ? 1 : Math.floor(index / pageSize) + 1;
  const selectedKey = index < 0 ? null : rowKey(rows[index] as Row);

  useEffect(() => {
    if (selectedKey === null) return;
    document.querySelector(`tr[data-row-key="${CSS.escape(selectedKey)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  const isSelected = (row: Row) => selectedKey !== null && rowKey(row) === selectedKey;
  const indexOf = (row: Row) => rows.findIndex((r) => rowKey(r) === rowKey(row));
  return {
    index,
    keys: {
      tabIndex: 0,
      onKeyDown(event) {
        if (event.altKey || event.ctrlKey || event.metaKey || event.target !== event.currentTarget) return;
        if (event.key === 'Enter') {
          if (index >= 0) {
            event.preventDefault();
            onEnter(rows[index] as Row);
          }
          return;
        }
        const next = moveCursor(event.key, Math.max(index, 0), rows.length, pageSize);
        if (next === null) return;
        event.preventDefault();
        setSelected(next);
      },
    },
    rowClassName: (row) => (isSelected(row) ? 'row-active' : ''),
    onRow: (row) => ({
      'aria-selected': isSelected(row),
      onClick: () => setSelected(Math.max(0, indexOf(row))),
    }),
    pagination: {
      current: page,
      pageSize,
      showSizeChanger: false,
      onChange: (p) => setSelected((p - 1) * pageSize),
    },
  };
}
