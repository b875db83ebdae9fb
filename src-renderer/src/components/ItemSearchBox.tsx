/**
 * Item search for fee entry: type a name, 拼音首字母 or 医保编码, pick with ↑ ↓ and Enter. Each row
 * shows what tells nine 阿莫西林胶囊 apart (规格, 剂型, 包装, 生产企业, 医保等级, 限价 / 先自付比例, the
 * institution's own price). Against the center each search is a 1312 call, so it waits for a
 * pause in typing; the local catalogue answers every keystroke.
 */
import { forwardRef, memo, useImperativeHandle, useRef, useState } from 'react';
import { Input, Typography, type InputRef } from 'antd';
import type { CatalogueHit, CatalogueSearchResult } from '../../../src-main/api/contract';
import { ITEM_SEARCH_SHOWN } from '../../../src-main/api/search-limits';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { useTypeAhead } from './type-ahead';
import { useSearchListbox } from './SearchListbox';
import { SearchPause } from './search-pause';
import { useLiveStore } from '../stores/live-store';

/** For the whole window (kept across boxes); before the first answer, whether the local catalogue holds items. */
const itemSearchPause = new SearchPause(() => (useLiveStore.getState().catalogueFill?.items ?? 0) > 0);

export interface ItemSearchHandle {
  focus(): void;
}

export const ItemSearchBox = forwardRef<
  ItemSearchHandle,
  { onPick: (hit: CatalogueHit) => void; disabled?: boolean; placeholder?: string }
>(function ItemSearchBox({ onPick, disabled, placeholder }, ref) {
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const pick = (hit: CatalogueHit): string => {
    onPick(hit);
    setText('');
    return '';
  };
  const { hits, answered, searching, onKeyDownCapture, onActive } = useTypeAhead(text, {
    search: (query) => call('catalogue.search', { query, limit: ITEM_SEARCH_SHOWN }),
    hitsOf: (r: CatalogueSearchResult) => r.hits,
    keyOf: (hit) => hit.code,
    pauseMs: () => itemSearchPause.ms(),
    onPick: pick,
    onAnswer: (_query, r) => {
      setSource(r.source);
      itemSearchPause.answered(r.source);
      setError(null);
    },
    onError: (e) => setError(uiError(e)),
  });

  const listbox = useSearchListbox({
    hits,
    keyOf: (h) => h.code,
    text,
    onActive,
    onPick: (hit) => pick(hit),
  });

  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  return (
    // data-answered and the held Enter: type-ahead.ts.
    <div data-testid="item-search-box" data-answered={answered} onKeyDownCapture={onKeyDownCapture}>
      <div {...listbox.wrapperProps}>
        <Input
          ref={input}
          {...listbox.inputProps}
          value={text}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          allowClear
          placeholder={placeholder ?? '查找项目: 名称 / 拼音首字母 / 医保编码 (F7), ↑↓ 选择, Enter 加入'}
          data-testid="item-search"
          suffix={searching ? <Typography.Text type="secondary">查询中…</Typography.Text> : null}
        />
        {listbox.list((h) => (
          <HitRow hit={h} />
        ))}
      </div>
      {error && (
        <Typography.Text type="danger" data-testid="item-search-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ''}
        </Typography.Text>
      )}
      {!error && !searching && answered !== '' && answered === text.trim() && hits.length === 0 && (
        <Typography.Text type="warning" data-testid="item-search-empty">
          没有找到「{answered}」: 请换个名称、拼音首字母或医保编码再试
        </Typography.Text>
      )}
      {!error && source && hits.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          来源: {source}
        </Typography.Text>
      )}
    </div>
  );
});

/** The 医保等级 colours of a hit row (antd's green / blue / default Tag, as plain CSS: app.css `.hit-tag`). */
const LEVEL_CLASS: Record<string, string> = { '01': 'hit-tag hit-tag-green', '02': 'hit-tag hit-tag-blue' };

/**
 * One search result: what the cashier tells items apart by. Plain elements styled by app.css (`.hit-row`), not
 * antd Tag / Typography / Space: the list is drawn anew on every keystroke, and 15 rows of those components
 * were most of a keystroke's script time (issue 17). Memoised: a row of the same hit is not drawn again.
 */
const HitRow = memo(function HitRow({ hit: h }: { hit: CatalogueHit }) {
  const pack = [h.spec, h.dosform, h.pacunt].filter(Boolean).join(' · ');
  return (
    <div data-testid="item-option" className="hit-row">
      <div className="hit-line">
        <span className={LEVEL_CLASS[h.chrgitmLv.code] ?? 'hit-tag'}>{h.chrgitmLv.label}</span>
        <strong>{h.name}</strong>
        {pack && <span data-testid="item-pack">{pack}</span>}
        {h.limitedUse && <span className="hit-tag hit-tag-orange">限制使用</span>}
        {h.ownPrice !== null && <strong data-testid="item-own-price">本店价 ¥{h.ownPrice}</strong>}
      </div>
      <div className="hit-line hit-detail">
        {h.maker && (
          <span className="hit-secondary" data-testid="item-maker">
            {h.maker}
          </span>
        )}
        {h.priceCap && <span data-testid="item-cap">限价 ¥{h.priceCap}</span>}
        {h.selfpayRatio && <span data-testid="item-selfpay">先自付 {h.selfpayRatio}</span>}
        <span className="hit-secondary">{h.code}</span>
        {/* Not the 拼音首字母 (TMSTKFRY): the cashier typed them; Latin words stay off screens (issue 17). */}
      </div>
    </div>
  );
});
