/**
 * Label: value pairs four to a row, as antd's `<Descriptions size="small" column={4}>` draws them (the same table,
 * its columns as wide as their content, the last item spanning the rest of its row; app.css `.detail-list`): plain
 * elements for the breakdowns drawn at the till's steps (a settlement's, the visit's), without Descriptions'
 * responsive column hooks and per-cell components on every mount (issue 17).
 */
import type { CSSProperties, ReactNode } from 'react';

export interface DetailItem {
  readonly key: string;
  readonly label: ReactNode;
  readonly children: ReactNode;
}

const COLUMNS = 4;

export function DetailList({ items, style }: { items: readonly DetailItem[]; style?: CSSProperties }) {
  const rows: DetailItem[][] = [];
  for (let i = 0; i < items.length; i += COLUMNS) rows.push(items.slice(i, i + COLUMNS));
  return (
    <div className="detail-list" style={style}>
      <table>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((item, i) => (
                <td key={item.key} colSpan={i === row.length - 1 ? COLUMNS - i : 1}>
                  <div className="detail-item">
                    <span className="detail-label">{item.label}</span>
                    <span className="detail-content">{item.children}</span>
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
