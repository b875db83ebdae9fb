/**
 * Label: value pairs four across, looking like antd's `<Descriptions size="small" column={4}>` (app.css
 * `.detail-list`): plain elements for the breakdowns drawn at the till's steps (a settlement's, the visit's), without
 * Descriptions' responsive column hooks and row building on every mount (issue 17).
 */
import type { CSSProperties, ReactNode } from 'react';

export function DetailList({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <dl className="detail-list" style={style}>
      {children}
    </dl>
  );
}

/** One pair. */
export function Detail({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="detail-item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
