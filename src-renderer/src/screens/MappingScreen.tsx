/**
 * 目录对照: find the 医保 item (local catalogue, else 1312), enter the shop's own code, name and
 * barcode, upload it (3301); the list below shows what this counter uploaded, each revocable
 * (3302). After an upload the item is found at the till by the own code and the barcode.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Popconfirm, Space, Switch, Table, Tag, message } from 'antd';
import type { CatalogueHit, MappingView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { ItemSearchBox } from '../components/ItemSearchBox';
import { ErrorNotice } from '../components/ErrorNotice';
import { uiError, type UiError } from '../format';

interface LocalFields {
  localCode: string;
  localName: string;
  barcode?: string;
}

export function MappingScreen() {
  const [picked, setPicked] = useState<CatalogueHit | null>(null);
  const [rows, setRows] = useState<readonly MappingView[]>([]);
  const [showRevoked, setShowRevoked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [form] = Form.useForm<LocalFields>();

  const reload = useCallback(() => {
    call('mapping.list', { includeRevoked: showRevoked })
      .then(setRows)
      .catch((e: unknown) => setError(uiError(e)));
  }, [showRevoked]);
  useEffect(reload, [reload]);

  async function upload(fields: LocalFields) {
    if (!picked) return;
    setBusy(true);
    try {
      const r = await call('mapping.upload', {
        localCode: fields.localCode,
        localName: fields.localName,
        nationalCode: picked.code,
        listType: picked.listType || undefined,
        barcode: fields.barcode?.trim() || undefined,
      });
      void message.success(`已上传目录对照: ${r.localCode} → ${r.nationalCode}`);
      form.resetFields();
      setPicked(null);
      setError(null);
      reload();
    } catch (e) {
      setError(uiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(localCode: string) {
    setBusy(true);
    try {
      await call('mapping.revoke', { localCode });
      void message.success(`已撤销 ${localCode}`);
      setError(null);
      reload();
    } catch (e) {
      setError(uiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="mapping-screen">
      <ErrorNotice error={error} onClose={() => setError(null)} />
      <Card size="small" title="上传目录对照 (3301)">
        <Space direction="vertical" style={{ width: '100%' }}>
          <ItemSearchBox onPick={setPicked} placeholder="查找医保目录项目: 名称、拼音首字母或医保编码" />
          {picked && (
            <Descriptions size="small" column={3} data-testid="mapping-picked">
              <Descriptions.Item label="医保目录编码">{picked.code}</Descriptions.Item>
              <Descriptions.Item label="名称">{picked.name}</Descriptions.Item>
              <Descriptions.Item label="目录类别">{picked.listType || '—'}</Descriptions.Item>
            </Descriptions>
          )}
          <Form<LocalFields> form={form} layout="inline" onFinish={upload} disabled={!picked || busy}>
            <Form.Item name="localCode" label="本机构编码" rules={[{ required: true, message: '请输入本机构编码' }]}>
              <Input maxLength={30} data-testid="mapping-local-code" />
            </Form.Item>
            <Form.Item name="localName" label="本机构名称" rules={[{ required: true, message: '请输入本机构名称' }]}>
              <Input maxLength={200} data-testid="mapping-local-name" />
            </Form.Item>
            <Form.Item name="barcode" label="条形码">
              <Input maxLength={50} data-testid="mapping-barcode" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="mapping-upload">
                上传对照
              </Button>
            </Form.Item>
          </Form>
        </Space>
      </Card>
      <Card
        size="small"
        title="本机上传的目录对照"
        extra={
          <Space>
            显示已撤销 <Switch size="small" checked={showRevoked} onChange={setShowRevoked} />
          </Space>
        }
      >
        <Table<MappingView>
          rowKey="localCode"
          size="small"
          dataSource={[...rows]}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="mapping-list"
          columns={[
            { title: '本机构编码', dataIndex: 'localCode', width: 140 },
            { title: '本机构名称', dataIndex: 'localName' },
            { title: '医保目录编码', dataIndex: 'nationalCode', width: 220 },
            { title: '类别', dataIndex: 'listType', width: 70 },
            { title: '条形码', dataIndex: 'barcode', width: 140 },
            {
              title: '状态',
              width: 80,
              render: (_, r) => (r.state === 'uploaded' ? <Tag color="green">有效</Tag> : <Tag>已撤销</Tag>),
            },
            { title: '上传时间', dataIndex: 'uploadedAt', width: 160 },
            {
              title: '',
              width: 80,
              render: (_, r) =>
                r.state === 'uploaded' && (
                  <Popconfirm title={`撤销 ${r.localCode} 的目录对照 (3302)?`} onConfirm={() => revoke(r.localCode)}>
                    <Button size="small" danger disabled={busy} data-testid={`mapping-revoke-${r.localCode}`}>
                      撤销
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
