/**
 * 电子处方 (pharmacy): with the person read (F1), authorise their prescriptions (7201), then for
 * the chosen one: 下载 (7204) → 核验 (7205) → 审方 by a registered pharmacist (7206) → 转入购药
 * fills the 药店购药 basket; settling it there sends 7207 at once. A refund here is 2103 + 7208;
 * a delivery is reported with 7209 and closed with 7210.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import type { RxView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { yuan } from '../format';
import { useNavStore } from '../stores/nav-store';
import { usePersonStore } from '../stores/person-store';
import { usePharmacyStore } from '../stores/pharmacy-store';
import { useRxStore } from '../stores/rx-store';
import { useSessionStore } from '../stores/session-store';

/** The region's code of a 电子处方 step, as a label suffix: 「(7204)」, or why there is none. */
function useRxCode(): (step: string) => string {
  const codes = useSessionStore((s) => s.status?.profile.rxCodes);
  return (step) => {
    const code = codes?.[step];
    if (code === 'with-audit') return `(随审核 ${codes?.['audit'] ?? ''} 一并核验)`;
    if (!code || code === 'not-used') return '(本地区无此交易, 仅本地记录)';
    return `(${code})`;
  };
}

const STATE_COLORS: Readonly<Record<string, string>> = {
  refused: 'red',
  settled: 'orange',
  refunded: 'orange',
  sold: 'green',
  delivering: 'blue',
  signed: 'default',
};

interface DeliveryFields {
  delvNo: string;
  company: string;
  courier: string;
  tel: string;
  address: string;
  status: '1' | '2' | '3';
}

function Steps({ rx }: { rx: RxView }) {
  const { run, busy, pharmacists, loadPharmacists } = useRxStore();
  const fill = usePharmacyStore((s) => s.fillFromPrescription);
  const go = useNavStore((s) => s.go);
  const [pharmacist, setPharmacist] = useState<string | undefined>();
  const [pass, setPass] = useState(true);
  const [opinion, setOpinion] = useState('');
  const [reason, setReason] = useState('');
  const [signer, setSigner] = useState('');
  const [delivery] = Form.useForm<DeliveryFields>();
  useEffect(() => {
    if (rx.state === 'verified' && pharmacists.length === 0) void loadPharmacists();
  }, [rx.state, pharmacists.length, loadPharmacists]);
  const hiRxno = rx.hiRxno;
  const code = useRxCode();
  const saleUploadCode = code('saleUpload');

  async function toBasket() {
    const ok = await run('basket', async () => {
      const basket = await call('rx.basket', { hiRxno });
      if (!fill(basket)) throw new Error('药店购药正在办理另一笔业务, 请稍后再转入');
      return rx;
    });
    if (ok) go('sale');
  }

  switch (rx.state) {
    case 'authorized':
      return (
        <Button
          type="primary"
          loading={busy === 'download'}
          data-testid="rx-download"
          onClick={() => void run('download', () => call('rx.download', { hiRxno }))}
        >
          下载处方 {code('download')}
        </Button>
      );
    case 'downloaded':
      return (
        <Button
          type="primary"
          loading={busy === 'verify'}
          data-testid="rx-verify"
          onClick={() => void run('verify', () => call('rx.verify', { hiRxno }))}
        >
          核验处方 {code('verify')}
        </Button>
      );
    case 'verified':
      return (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              style={{ width: 260 }}
              placeholder="审方药师 (5102 登记)"
              value={pharmacist}
              onChange={setPharmacist}
              data-testid="rx-pharmacist"
              options={pharmacists.map((p) => ({ value: p.code, label: `${p.name} ${p.pracCertNo}` }))}
            />
            <Radio.Group value={pass} onChange={(e) => setPass(Boolean(e.target.value))}>
              <Radio value={true}>通过</Radio>
              <Radio value={false}>不通过</Radio>
            </Radio.Group>
          </Space>
          <Input.TextArea
            rows={2}
            placeholder="处方审核意见 (不通过时必填)"
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
          />
          <Button
            type="primary"
            disabled={!pharmacist}
            loading={busy === 'audit'}
            data-testid="rx-audit"
            onClick={() =>
              void run('audit', () =>
                call('rx.audit', { hiRxno, pharmacist: pharmacist ?? '', pass, opinion: opinion || undefined }),
              )
            }
          >
            上传审方信息 {code('audit')}
          </Button>
        </Space>
      );
    case 'audited':
      return (
        <Button type="primary" loading={busy === 'basket'} data-testid="rx-to-basket" onClick={() => void toBasket()}>
          转入购药 (结算后销售出库 {saleUploadCode})
        </Button>
      );
    case 'settled':
    case 'sold':
    case 'refunded':
    case 'delivering':
      return (
        <Space direction="vertical" style={{ width: '100%' }}>
          {rx.state === 'settled' && (
            <Button
              type="primary"
              loading={busy === 'upload'}
              data-testid="rx-upload"
              onClick={() => void run('upload', () => call('rx.uploadSale', { hiRxno }))}
            >
              补传销售出库 {saleUploadCode}
            </Button>
          )}
          {rx.state !== 'delivering' && (
            <Space>
              <Input
                placeholder="退费 / 撤销原因"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                style={{ width: 240 }}
              />
              <Button
                danger
                disabled={!reason.trim()}
                loading={busy === 'refund'}
                data-testid="rx-refund"
                onClick={() => void run('refund', () => call('rx.refund', { hiRxno, reason }))}
              >
                {rx.state === 'refunded' ? `撤销销售出库 ${code('saleRevoke')}` : `退费 (2103) 并撤销出库 ${code('saleRevoke')}`}
              </Button>
            </Space>
          )}
          {(rx.state === 'sold' || rx.state === 'delivering') && (
            <Form
              form={delivery}
              layout="inline"
              initialValues={{ status: '2', delvNo: rx.delvNo ?? undefined }}
              onFinish={(f) => void run('deliver', () => call('rx.deliver', { hiRxno, ...f }))}
            >
              <Form.Item name="delvNo" rules={[{ required: true, message: '配送业务编号' }]}>
                <Input placeholder="配送业务编号" disabled={Boolean(rx.delvNo)} />
              </Form.Item>
              <Form.Item name="company" rules={[{ required: true, message: '配送企业' }]}>
                <Input placeholder="配送企业" />
              </Form.Item>
              <Form.Item name="courier" rules={[{ required: true, message: '配送员' }]}>
                <Input placeholder="配送员" />
              </Form.Item>
              <Form.Item name="tel" rules={[{ required: true, message: '电话' }]}>
                <Input placeholder="配送员电话" />
              </Form.Item>
              <Form.Item name="address" rules={[{ required: true, message: '配送地址' }]}>
                <Input placeholder="配送地址" />
              </Form.Item>
              <Form.Item name="status">
                <Select
                  style={{ width: 110 }}
                  options={[
                    { value: '1', label: '待配送' },
                    { value: '2', label: '配送中' },
                    { value: '3', label: '已送达' },
                  ]}
                />
              </Form.Item>
              <Button htmlType="submit" loading={busy === 'deliver'} data-testid="rx-deliver">
                同步配送 {code('deliver')}
              </Button>
            </Form>
          )}
          {rx.state === 'delivering' && (
            <Space>
              <Input placeholder="签收人" value={signer} onChange={(e) => setSigner(e.target.value)} />
              <Button
                disabled={!signer.trim()}
                loading={busy === 'sign'}
                data-testid="rx-sign"
                onClick={() => void run('sign', () => call('rx.sign', { hiRxno, signer }))}
              >
                签收确认 {code('sign')}
              </Button>
            </Space>
          )}
        </Space>
      );
    default:
      return null;
  }
}

export function PrescriptionScreen() {
  const { list, selected, busy, error, load, select, run, clearError } = useRxStore();
  const code = useRxCode();
  const person = usePersonStore((s) => s.person);
  const go = useNavStore((s) => s.go);
  const [hiRxno, setHiRxno] = useState('');
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rx-screen">
      <Card size="small" title={`电子处方授权 / 查询 ${code('authorize')}`}>
        <Space wrap>
          <span data-testid="rx-person">{person ? `参保人 ${person.name} ${person.certnoMasked}` : '尚未读卡'}</span>
          {!person && <Button onClick={() => go('card')}>F1 读卡</Button>}
          <Input
            placeholder="医保处方编号 (空: 该参保人全部待取药处方)"
            value={hiRxno}
            onChange={(e) => setHiRxno(e.target.value.trim())}
            style={{ width: 320 }}
            data-testid="rx-number"
          />
          <Button
            type="primary"
            disabled={!person}
            loading={busy === 'authorize'}
            data-testid="rx-authorize"
            onClick={() =>
              person && void run('authorize', () => call('rx.authorize', { personKey: person.key, hiRxno: hiRxno || undefined }))
            }
          >
            授权并查找处方
          </Button>
        </Space>
      </Card>
      <ErrorNotice error={error} onClose={clearError} testId="rx-error" />
      <Table<RxView>
        size="small"
        rowKey="hiRxno"
        pagination={false}
        dataSource={[...list]}
        data-testid="rx-list"
        onRow={(r) => ({ onClick: () => void select(r.hiRxno) })}
        rowClassName={(r) => (r.hiRxno === selected?.hiRxno ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '医保处方编号', dataIndex: 'hiRxno' },
          {
            title: '状态',
            dataIndex: 'stateLabel',
            render: (v: string, r) => <Tag color={STATE_COLORS[r.state] ?? 'processing'}>{v}</Tag>,
          },
          { title: '下一步', dataIndex: 'next' },
          { title: '更新时间', dataIndex: 'updatedAt' },
        ]}
      />
      {selected && (
        <Card size="small" title={`处方 ${selected.hiRxno}  ${selected.stateLabel}`} data-testid="rx-detail">
          {selected.rx && (
            <>
              <Descriptions size="small" column={3}>
                <Descriptions.Item label="开方机构">{selected.rx.issuerName}</Descriptions.Item>
                <Descriptions.Item label="科室 / 医师">{`${selected.rx.deptName} ${selected.rx.drName}`}</Descriptions.Item>
                <Descriptions.Item label="诊断">{selected.rx.diagnosis}</Descriptions.Item>
                <Descriptions.Item label="参保人">{selected.rx.patnNameMasked}</Descriptions.Item>
                <Descriptions.Item label="开方时间">{selected.rx.prscTime}</Descriptions.Item>
                <Descriptions.Item label="有效至">{selected.rx.validEndTime}</Descriptions.Item>
              </Descriptions>
              <Table
                size="small"
                rowKey="rxDetlNo"
                pagination={false}
                dataSource={[...selected.rx.lines]}
                columns={[
                  { title: '编码', dataIndex: 'code' },
                  { title: '药品', dataIndex: 'name' },
                  { title: '规格', dataIndex: 'spec' },
                  { title: '数量', render: (_: unknown, l) => `${l.cntText}${l.unit}` },
                  { title: '单价', dataIndex: 'pricText' },
                  { title: '金额', dataIndex: 'amountFen', render: (v: number) => yuan(v) },
                  { title: '用法', dataIndex: 'usage' },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={5}>
                      合计
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1}>
                      <span data-testid="rx-total">{yuan(selected.rx?.totalFen ?? 0)}</span>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </>
          )}
          {selected.setlId && (
            <p data-testid="rx-settlement">{`结算ID ${selected.setlId}${selected.selNo ? `  出库单号 ${selected.selNo}` : ''}`}</p>
          )}
          <Steps rx={selected} />
        </Card>
      )}
    </Space>
  );
}
