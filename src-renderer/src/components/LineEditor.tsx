/**
 * Lines being entered: quantity and unit price as typed, the line amount computed exactly from them. Enter in
 * either field is done with the line: the cursor goes back to the item search (`search`), where the next item's
 * letters go (without it they went into the price).
 */
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { Button, Input, Typography } from 'antd';
import { PlainTable } from './PlainTable';
import type { DraftLine } from '../stores/draft-lines';
import { aboveCap, previewLineFen, yuan } from '../format';

export function LineEditor({
  lines,
  onChange,
  onRemove,
  search,
  locked,
}: {
  lines: readonly DraftLine[];
  onChange: (id: string, patch: Partial<Pick<DraftLine, 'cntText' | 'pricText'>>) => void;
  onRemove: (id: string) => void;
  /** The item search above the lines: Enter in a line's quantity or price puts the cursor back there. */
  search: RefObject<{ focus(): void } | null>;
  locked: boolean;
}) {
  const doneOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      search.current?.focus();
    }
  };
  const table = useRef<HTMLDivElement>(null);
  const count = useRef(lines.length);
  // After an item without a known price is added, the cursor goes to its price: the next thing
  // the cashier types. A line priced from the price list leaves the cursor in the search box,
  // ready for the next item.
  const lastPrice = lines[lines.length - 1]?.pricText ?? '';
  useEffect(() => {
    if (lines.length > count.current && lastPrice === '') {
      const inputs = table.current?.querySelectorAll<HTMLInputElement>('input[data-field="pric"]');
      inputs?.[inputs.length - 1]?.focus();
    }
    count.current = lines.length;
  }, [lines.length, lastPrice]);

  const amounts = lines.map((l) => previewLineFen(l.cntText, l.pricText));
  const complete = amounts.every((a) => a !== null && a > 0);
  const total = complete ? amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0) : null;

  return (
    <div ref={table}>
      <PlainTable
        rowKey={(l) => l.id}
        rows={lines}
        emptyText="还没有明细: 用上方查找框加入项目"
        data-testid="lines"
        columns={[
          { key: 'n', title: '#', width: 40, render: (_, i) => i + 1 },
          {
            key: 'name',
            title: '项目',
            render: (l) => (
              <span>
                {l.name} <span className="hit-secondary">{l.code}</span>
              </span>
            ),
          },
          // The 医保等级 as antd's default Tag looks (app.css `.hit-tag`).
          { key: 'level', title: '等级', width: 70, render: (l) => <span className="hit-tag">{l.level}</span> },
          {
            key: 'cnt',
            title: '数量',
            width: 110,
            render: (l) => (
              <Input
                value={l.cntText}
                disabled={locked}
                data-field="cnt"
                inputMode="decimal"
                status={previewLineFen(l.cntText, '1') === null ? 'error' : undefined}
                onChange={(e) => onChange(l.id, { cntText: e.target.value })}
                onKeyDown={doneOnEnter}
              />
            ),
          },
          {
            key: 'pric',
            title: '单价 (元)',
            width: 130,
            render: (l) => {
              const over = aboveCap(l.pricText, l.priceCap);
              return (
                <>
                  <Input
                    value={l.pricText}
                    disabled={locked}
                    data-field="pric"
                    inputMode="decimal"
                    placeholder="单价"
                    status={
                      l.pricText !== '' && previewLineFen('1', l.pricText) === null ? 'error' : over ? 'warning' : undefined
                    }
                    onChange={(e) => onChange(l.id, { pricText: e.target.value })}
                    onKeyDown={doneOnEnter}
                  />
                  {over && (
                    <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="line-over-cap">
                      高于医保限价 {l.priceCap} 元: 超出部分由患者自费
                    </Typography.Text>
                  )}
                </>
              );
            },
          },
          {
            key: 'amount',
            title: '金额 (元)',
            width: 110,
            align: 'right',
            render: (_, i) => {
              const a = amounts[i];
              return a === null || a === undefined ? <span className="hit-secondary">—</span> : yuan(a);
            },
          },
          {
            key: 'remove',
            title: '',
            width: 70,
            render: (l) => (
              <Button size="small" type="link" danger disabled={locked} onClick={() => onRemove(l.id)}>
                删除
              </Button>
            ),
          },
        ]}
        summary={
          lines.length > 0 ? (
            <tr>
              <td colSpan={5} style={{ textAlign: 'right' }}>
                合计 ({lines.length} 项)
              </td>
              <td style={{ textAlign: 'right' }}>
                <b data-testid="lines-total">{total === null ? '—' : yuan(total)}</b>
              </td>
              <td />
            </tr>
          ) : null
        }
      />
    </div>
  );
}
