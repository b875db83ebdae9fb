/**
 * Item search for fee entry: type a name, 拼音首字母 or 医保编码, pick with ↑ ↓ and Enter. Each row
 * shows what tells nine 阿莫西林胶囊 apart (规格, 剂型, 包装, 生产企业, 医保等级, 限价 / 先自付比例, the
 * institution's own price). Against the center each search is a 1312 call, so it waits for a
 * pause in typing; the local catalogue answers every keystroke.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { AutoComplete, Input, Space, Tag, Typography, type InputRef } from 'antd';
import { ITEM_SEARCH_SHOWN, type CatalogueHit } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

/** The source name of the local catalogue's answers (local-item-search.ts). */
const LOCAL_SOURCE = '本地目录';
/** Pause in typing before a search goes to the center. */
const CENTER_PAUSE_MS = 350;

export interface ItemSearchHandle {
  focus(): void;
}

export const ItemSearchBox = forwardRef<
  ItemSearchHandle,
  { onPick: (hit: CatalogueHit) => void; disabled?: boolean; placeholder?: string }
>(function ItemSearchBox({ onPick, disabled, placeholder }, ref) {
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<readonly CatalogueHit[]>([]);
  const [source, setSource] = useState('');
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const serial = useRef(0);
  /** The query the hits on screen answer ('' before any answer). */
  const [answered, setAnswered] = useState('');
  const localSource = useRef(false);

  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 1) {
      setHits([]);
      setAnswered('');
      return;
    }
    const mine = ++serial.current;
    const timer = setTimeout(
      () => {
        setSearching(true);
        call('catalogue.search', { query, limit: ITEM_SEARCH_SHOWN })
          .then((r) => {
            if (mine !== serial.current) return;
            setHits(r.hits);
            setSource(r.source);
            setAnswered(query);
            localSource.current = r.source.startsWith(LOCAL_SOURCE);
            setError(null);
          })
          .catch((e: unknown) => mine === serial.current && (setError(uiError(e)), setHits([])))
          .finally(() => mine === serial.current && setSearching(false));
      },
      localSource.current ? 0 : CENTER_PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [text]);

  return (
    // data-answered: the query the list on screen answers (what bench/till.ts waits for).
    <div data-testid="item-search-box" data-answered={answered}>
      <AutoComplete
        value={text}
        disabled={disabled}
        style={{ width: '100%' }}
        onChange={(v: string) => setText(v)}
        onSelect={(code: string) => {
          const hit = hits.find((h) => h.code === code);
          if (hit) onPick(hit);
          setText('');
          setHits([]);
        }}
        defaultActiveFirstOption
        options={hits.map((h) => ({
          value: h.code,
          label: <HitRow hit={h} />,
        }))}
      >
        <Input
          ref={input}
          allowClear
          placeholder={placeholder ?? '查找项目: 名称 / 拼音首字母 / 医保编码 (F7), ↑↓ 选择, Enter 加入'}
          data-testid="item-search"
          suffix={searching ? <Typography.Text type="secondary">查询中…</Typography.Text> : null}
        />
      </AutoComplete>
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

/** One search result: what the cashier tells items apart by. */
function HitRow({ hit: h }: { hit: CatalogueHit }) {
  const pack = [h.spec, h.dosform, h.pacunt].filter(Boolean).join(' · ');
  return (
    <div data-testid="item-option" style={{ lineHeight: 1.35 }}>
      <Space size={6} wrap={false}>
        <Tag color={h.chrgitmLv.code === '01' ? 'green' : h.chrgitmLv.code === '02' ? 'blue' : 'default'}>
          {h.chrgitmLv.label}
        </Tag>
        <Typography.Text strong>{h.name}</Typography.Text>
        {pack && <span data-testid="item-pack">{pack}</span>}
        {h.limitedUse && <Tag color="orange">限制使用</Tag>}
        {h.ownPrice !== null && (
          <Typography.Text strong data-testid="item-own-price">
            本店价 ¥{h.ownPrice}
          </Typography.Text>
        )}
      </Space>
      <div style={{ fontSize: 12 }}>
        <Space size={10} wrap={false}>
          {h.maker && (
            <Typography.Text type="secondary" data-testid="item-maker">
              {h.maker}
            </Typography.Text>
          )}
          {h.priceCap && <span data-testid="item-cap">限价 ¥{h.priceCap}</span>}
          {h.selfpayRatio && <span data-testid="item-selfpay">先自付 {h.selfpayRatio}</span>}
          <Typography.Text type="secondary">{h.code}</Typography.Text>
          <Typography.Text type="secondary">{h.pinyin}</Typography.Text>
        </Space>
      </div>
    </div>
  );
}
