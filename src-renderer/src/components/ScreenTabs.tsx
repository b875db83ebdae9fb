/**
 * The tabs of a 收费 screen (the sale or visit, and its history with refunds), as plain elements styled like
 * antd's line Tabs (app.css `.screen-tabs`). antd's Tabs measured each tab (getBoundingClientRect in a layout
 * effect) every time the kept 收费 screen was shown again: a forced layout in every read → 收费 step (issue 17).
 * A pane is drawn from its first showing on and kept, hidden, while the other is shown, as antd's Tabs did.
 */
import { useRef, type ReactNode } from 'react';

export interface ScreenTab<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly children: ReactNode;
}

export function ScreenTabs<K extends string>({
  active,
  onChange,
  items,
}: {
  active: K;
  onChange: (key: K) => void;
  items: readonly ScreenTab<K>[];
}) {
  const shown = useRef(new Set<K>());
  shown.current.add(active);
  return (
    <div className="screen-tabs">
      <div role="tablist" className="screen-tabs-bar">
        {items.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`screen-tab-${t.key}`}
            aria-selected={t.key === active}
            aria-controls={`screen-pane-${t.key}`}
            // The F-keys switch tabs (F8); a click does too, without taking the cursor from the screen's field.
            tabIndex={-1}
            className="screen-tab"
            onClick={() => onChange(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {items.map(
        (t) =>
          shown.current.has(t.key) && (
            <div
              key={t.key}
              role="tabpanel"
              id={`screen-pane-${t.key}`}
              aria-labelledby={`screen-tab-${t.key}`}
              hidden={t.key !== active}
            >
              {t.children}
            </div>
          ),
      )}
    </div>
  );
}
