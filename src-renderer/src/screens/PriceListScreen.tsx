/**
 * 价目表: the institution's own prices, which fill the price of a fee line when the item is
 * picked (else the price it was last charged at). Import a CSV / XLSX (columns 医保目录编码,
 * 名称, 单价), or find an item, type its price and press Enter; each row's price can be changed
 * in place (Enter saves, empty removes it from the list).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Card, Input, Space, Table, Typography, message } from 'antd';
import type { CatalogueHit, PriceImportResult, PriceRow } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { ItemSearchBox } from '../components/ItemSearchBox';
import { ErrorNotice } from '../components/ErrorNotice';
import { base64Of } from '../file-base64';
import { uiError, type UiError } from '../format';

export function PriceListScreen() {
  const [rows, setRows] = useState<readonly PriceRow[]>([]);
  const [picked, setPicked] = useState<CatalogueHit | null>(null);
  const [price, setPrice] = useState('');
  const [imported, setImported] = useState<PriceImportResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  // The browser's own file button speaks the browser's language: it stays hidden behind ours.
  const fileInput = useRef<HTMLInputElement>(null);

  const reload = useCallback(() => {
    call('prices.list', {})
      .then(setRows)
      .catch((e: unknown) => setError(uiError(e)));
  }, []);
  useEffect(reload, [reload]);

  async function save(code: string, name: string, priceText: string): Promise<boolean> {
    try {
      await call('prices.set', { code, name, priceText });
      setError(null);
      void message.success(
        priceText.trim() === '' ? `${name || code}: 已从价目表移除` : `${name || code}: 单价 ${priceText} 元已保存`,
      );
      reload();
      return true;
    } catch (e) {
      setError(uiError(e));
      return false;
    }
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      const r = await call('prices.import', { filename: file.name, contentBase64: await base64Of(file) });
      setImported(r);
      setError(null);
      reload();
    } catch (e) {
      setError(uiError(e));
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title="本机构价目表" size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          收费时选中项目即按此处单价填好; 没有列入的项目按上次收费的单价填写。
        </Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space align="start" style={{ width: '100%' }}>
            <div style={{ width: 560 }}>
              <ItemSearchBox onPick={(h) => (setPicked(h), setPrice(h.ownPrice ?? ''))} />
            </div>
            <Input
              style={{ width: 160 }}
              placeholder="单价 (元), Enter 保存"
              value={price}
              disabled={!picked}
              data-testid="price-new"
              onChange={(e) => setPrice(e.target.value)}
              onPressEnter={() => {
                if (picked) void save(picked.code, picked.name, price).then((ok) => ok && (setPicked(null), setPrice('')));
              }}
            />
          </Space>
          {picked && (
            <Typography.Text data-testid="price-picked">
              已选: {picked.name} {picked.code}
            </Typography.Text>
          )}
          <Space>
            <Typography.Text>从文件导入 (CSV 或 XLSX 表格, 第 1 行列名: 医保目录编码, 名称, 单价):</Typography.Text>
            <Button onClick={() => fileInput.current?.click()} data-testid="price-file-button">
              选择文件…
            </Button>
            <input
              ref={fileInput}
              hidden
              type="file"
              accept=".csv,.xlsx,.txt"
              data-testid="price-file"
              onChange={(e) => void importFile(e.target.files?.[0])}
            />
          </Space>
          {imported && (
            <Typography.Text data-testid="price-imported" type={imported.refused.length > 0 ? 'warning' : undefined}>
              已导入 {imported.imported} 条{imported.refused.map((r) => `; 第 ${r.rowNo} 行未导入: ${r.message}`).join('')}
            </Typography.Text>
          )}
          <ErrorNotice error={error} />
        </Space>
      </Card>
      <Table<PriceRow>
        size="small"
        rowKey="code"
        data-testid="price-rows"
        dataSource={[...rows]}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: '价目表还是空的: 导入文件, 或在上方查找项目后填写单价' }}
        columns={[
          { title: '医保目录编码', dataIndex: 'code', width: 260 },
          { title: '名称', dataIndex: 'name' },
          {
            title: '价目表单价 (元)',
            width: 170,
            render: (_, r) => (
              <Input
                key={`${r.code}-${r.listPrice}`}
                defaultValue={r.listPrice}
                placeholder="未列入"
                data-testid="price-edit"
                onPressEnter={(e) => void save(r.code, r.name, e.currentTarget.value)}
              />
            ),
          },
          { title: '上次收费单价 (元)', dataIndex: 'lastPrice', width: 150 },
          { title: '更新时间', dataIndex: 'updatedAt', width: 170 },
        ]}
      />
    </Space>
  );
}
