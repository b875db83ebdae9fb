/**
 * Item search for fee entry: type a name, 拼音首字母 or 医保编码, pick with ↑ ↓ and Enter. Searches wait
 * for a short pause in typing (each one is a catalogue query).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { AutoComplete, Input, Space, Tag, Typography, type InputRef } from 'antd';
import type { CatalogueHit } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

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

  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 1) {
      setHits([]);
      return;
    }
    const mine = ++serial.current;
    const timer = setTimeout(() => {
      setSearching(true);
      call('catalogue.search', { query, limit: 15 })
        .then((r) => {
          if (mine !== serial.current) return;
          setHits(r.hits);
          setSource(r.source);
          setError(null);
        })
        .catch((e: unknown) => mine === serial.current && (setError(uiError(e)), setHits([])))
        .finally(() => mine === serial.current && setSearching(false));
    }, 350);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div>
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
          label: (
            <Space data-testid="item-option">
              <Tag color={h.chrgitmLv.code === '01' ? 'green' : h.chrgitmLv.code === '02' ? 'blue' : 'default'}>
                {h.chrgitmLv.label}
              </Tag>
              <span>{h.name}</span>
              <Typography.Text type="secondary">{h.code}</Typography.Text>
              <Typography.Text type="secondary">{h.pinyin}</Typography.Text>
              {h.limitedUse && <Tag color="orange">限制使用</Tag>}
            </Space>
          ),
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
      {!error && source && hits.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          来源: {source}
        </Typography.Text>
      )}
    </div>
  );
});
