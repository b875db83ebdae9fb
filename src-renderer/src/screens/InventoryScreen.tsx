/**
 * 进销存上传: choose the kind and a CSV / XLSX file → preview (rows that fail checks with their
 * row number and reason) → add to the upload queue → upload (3501–3507 or the A variants, per
 * region profile) with progress → each row's result; refused rows can be put back and sent
 * again. Below: the center's stock of an item or batch (3508).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type {
  InventoryItemView,
  InventoryKindName,
  InventoryPreview,
  InventoryQueueView,
  LedgerPageView,
} from '../../../src-main/api/contract';
import { INVENTORY_KINDS, KIND_INFO } from '../../../src-main/inventory/views';
import { call, subscribe } from '../api/client';
import { base64Of } from '../file-base64';
import { ErrorNotice } from '../components/ErrorNotice';
import { uiError, type UiError } from '../format';
import { useSessionStore } from '../stores/session-store';

const STATE_TAGS: Record<InventoryItemView['state'], { color: string; label: string }> = {
  queued: { color: 'default', label: '待上传' },
  sending: { color: 'processing', label: '上传中' },
  done: { color: 'green', label: '已完成' },
  rejected: { color: 'red', label: '被拒' },
  'not-sent': { color: 'orange', label: '未发出, 待重试' },
  unknown: { color: 'orange', label: '结果未知, 待核实' },
};

/** The progress bar's scale (antd Progress takes 0–100). */
const FULL_BAR = 100;

export function InventoryScreen() {
  const [kind, setKind] = useState<InventoryKindName>('purchase');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<InventoryPreview | null>(null);
  const [queue, setQueue] = useState<InventoryQueueView | null>(null);
  const [progress, setProgress] = useState<{ step: string; percent: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const flows = useSessionStore((st) => st.status?.profile.flows);
  const kindOptions = INVENTORY_KINDS.map((value) => {
    const { label, flow } = KIND_INFO[value];
    return { value, label: flows?.[flow] ? `${label} (${flows[flow]})` : label };
  });

  const reload = useCallback(() => {
    call('inventory.queue', {})
      .then(setQueue)
      .catch((e: unknown) => setError(uiError(e)));
  }, []);
  useEffect(reload, [reload]);

  useEffect(
    () =>
      subscribe((event) => {
        if (event.type !== 'progress' || event.op !== 'inventory.upload') return;
        const m = /(\d+)\/(\d+) 行/.exec(event.step);
        const percent = m && Number(m[2]) > 0 ? Math.round((Number(m[1]) / Number(m[2])) * FULL_BAR) : 0;
        setProgress(event.done ? null : { step: event.step, percent });
      }),
    [],
  );

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    try {
      const r = await work();
      setError(null);
      return r;
    } catch (e) {
      setError(uiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function choose(picked: File | undefined) {
    setPreview(null);
    setNotice(null);
    if (!picked) return setFile(null);
    const chosen = { name: picked.name, base64: await base64Of(picked) };
    setFile(chosen);
    const r = await run(() => call('inventory.preview', { kind, filename: chosen.name, contentBase64: chosen.base64 }));
    if (r) setPreview(r);
  }

  async function enqueue() {
    if (!file) return;
    const r = await run(() => call('inventory.import', { kind, filename: file.name, contentBase64: file.base64 }));
    if (!r) return;
    setNotice(`导入 #${r.id}: 共 ${r.rowsTotal} 行, 入队 ${r.rowsQueued} 行, 有问题 ${r.rowsInvalid} 行`);
    setPreview(null);
    setFile(null);
    reload();
  }

  async function upload() {
    const r = await run(() => call('inventory.upload', { force: true }));
    setProgress(null);
    if (r) setNotice(`上传 ${r.items.length} 行 (${r.calls} 次交易): 完成 ${r.done}, 被拒 ${r.rejected}, 待重试 ${r.waiting}`);
    reload();
  }

  async function retryRejected() {
    const r = await run(() => call('inventory.retry', {}));
    if (r) setNotice(`已放回队列 ${r.requeued} 行`);
    reload();
  }

  const c = queue?.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="inventory-screen">
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {notice && (
        <Alert type="info" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} data-testid="inventory-notice" />
      )}
      <Card size="small" title="导入文件">
        <Space wrap>
          <Select<InventoryKindName>
            value={kind}
            options={kindOptions}
            style={{ width: 180 }}
            onChange={(v) => (setKind(v), setPreview(null), setFile(null))}
            data-testid="inventory-kind"
          />
          <input
            type="file"
            accept=".csv,.xlsx,.txt"
            data-testid="inventory-file"
            onChange={(e) => void choose(e.target.files?.[0])}
            key={`${kind}-${file?.name ?? ''}`}
          />
          <Button
            type="primary"
            disabled={!preview || preview.rows.length === 0 || busy}
            onClick={() => void enqueue()}
            data-testid="inventory-enqueue"
          >
            加入上传队列
          </Button>
        </Space>
        {preview && (
          <div style={{ marginTop: 12 }} data-testid="inventory-preview">
            <Typography.Text>
              {file?.name}: 共 {preview.total} 行, 可上传 {preview.rows.length} 行, 有问题 {preview.errors.length} 行;
              按地区配置使用 {preview.infno}
            </Typography.Text>
            {preview.errors.length > 0 && (
              <Table
                rowKey="rowNo"
                size="small"
                pagination={false}
                style={{ marginTop: 8 }}
                data-testid="inventory-preview-errors"
                dataSource={[...preview.errors]}
                columns={[
                  { title: '行', dataIndex: 'rowNo', width: 60 },
                  {
                    title: '问题',
                    dataIndex: 'message',
                    render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text>,
                  },
                ]}
              />
            )}
            <Table
              rowKey="rowNo"
              size="small"
              style={{ marginTop: 8 }}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              dataSource={[...preview.rows]}
              columns={[
                { title: '行', dataIndex: 'rowNo', width: 60 },
                { title: '批次号', dataIndex: 'bchno' },
                { title: '本机构编码', dataIndex: 'localCode' },
                { title: '名称', dataIndex: 'name' },
                { title: '医保目录编码', dataIndex: 'nationalCode' },
                { title: '数量', dataIndex: 'qty', width: 90 },
              ]}
            />
          </div>
        )}
      </Card>
      <Card
        size="small"
        title="上传队列"
        extra={
          <Space>
            {c && (
              <span data-testid="inventory-counts">
                待上传 {c.queued} · 已完成 {c.done} · 被拒 {c.rejected} · 待重试 {c['not-sent'] + c.unknown}
              </span>
            )}
            <Button type="primary" loading={busy} onClick={() => void upload()} data-testid="inventory-upload">
              上传
            </Button>
            <Button disabled={busy || !c || c.rejected === 0} onClick={() => void retryRejected()} data-testid="inventory-retry">
              被拒的行重新排队
            </Button>
          </Space>
        }
      >
        {progress && (
          <Progress percent={progress.percent} status="active" format={() => progress.step} data-testid="inventory-progress" />
        )}
        <Table<InventoryItemView>
          rowKey="id"
          size="small"
          data-testid="inventory-queue"
          dataSource={[...(queue?.items ?? [])].reverse()}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: '导入', dataIndex: 'importId', width: 60, render: (v: number) => `#${v}` },
            { title: '行', dataIndex: 'rowNo', width: 50 },
            { title: '类型', dataIndex: 'kindLabel', width: 80 },
            { title: '批次号', dataIndex: 'bchno', width: 110 },
            { title: '本机构编码', dataIndex: 'localCode', width: 110 },
            { title: '名称', dataIndex: 'name' },
            { title: '数量', dataIndex: 'qty', width: 80 },
            {
              title: '状态',
              width: 130,
              render: (_, r) => <Tag color={STATE_TAGS[r.state].color}>{STATE_TAGS[r.state].label}</Tag>,
            },
            { title: '说明', dataIndex: 'message' },
          ]}
        />
      </Card>
      <StockLookup />
    </Space>
  );
}

/** The center's stock of one item or batch (3508). */
function StockLookup() {
  const [page, setPage] = useState<LedgerPageView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  return (
    <Card size="small" title="中心库存查询 (3508)">
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Form
        layout="inline"
        onFinish={(v: { item?: string; batch?: string }) =>
          call('inventory.query', { kind: 'stock', item: v.item?.trim() || undefined, batch: v.batch?.trim() || undefined })
            .then((r) => (setPage(r), setError(null)))
            .catch((e: unknown) => setError(uiError(e)))
        }
      >
        <Form.Item name="item" label="本机构编码">
          <Input maxLength={30} data-testid="stock-item" />
        </Form.Item>
        <Form.Item name="batch" label="批次号">
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" data-testid="stock-query">
            查询
          </Button>
        </Form.Item>
      </Form>
      {page && (
        <Table
          rowKey={(r) => `${String(r['medinsListCodg'])}|${String(r['fixmedinsBchno'])}`}
          size="small"
          style={{ marginTop: 8 }}
          pagination={false}
          data-testid="stock-rows"
          dataSource={[...page.rows]}
          columns={[
            { title: '本机构编码', dataIndex: 'medinsListCodg' },
            { title: '名称', dataIndex: 'medinsListName' },
            { title: '批次号', dataIndex: 'fixmedinsBchno' },
            { title: '医保目录编码', dataIndex: 'medListCodg' },
            { title: '库存', dataIndex: 'invCnt' },
            { title: '盘存日期', dataIndex: 'invdate' },
            { title: '有效期至', dataIndex: 'expyEnd' },
          ]}
        />
      )}
    </Card>
  );
}
