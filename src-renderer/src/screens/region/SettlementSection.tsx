/** 结算单 S3601 and 财政电子票据 S3301 / S3302 of one settlement. */
import { useState } from 'react';
import { Button, Card, Descriptions, Space, Table } from 'antd';
import type { FiscalVoucherView, SettlementSheetView } from '../../../../src-main/api/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { yuan } from '../../format';
import { useCenterCall, Field, Done } from './section-parts';

export function SettlementSection({ codes }: { codes: Readonly<Record<string, string>> }) {
  const c = useCenterCall();
  const [setlId, setSetlId] = useState('');
  const [voucher, setVoucher] = useState({ code: '', number: '', checkCode: '' });
  const [sheet, setSheet] = useState<SettlementSheetView | null>(null);
  const [held, setHeld] = useState<FiscalVoucherView | null>(null);
  const [done, setDone] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Field label="结算ID" value={setlId} onChange={setSetlId} testId="region-setl-id" width={300} />
        <Button
          type="primary"
          loading={c.busy}
          data-testid="region-sheet"
          onClick={() => void c.run('region.sheet', { setlId }).then((r) => r && setSheet(r))}
        >
          结算单数据 ({codes['settlementSheet']})
        </Button>
        <Button
          loading={c.busy}
          data-testid="region-fiscal-query"
          onClick={() => void c.run('region.fiscalQuery', { setlId }).then((r) => r && setHeld(r))}
        >
          查询财政票据 ({codes['fiscalInvoiceQuery']})
        </Button>
      </Space>
      <Space wrap>
        <Field
          label="票据代码"
          value={voucher.code}
          onChange={(v) => setVoucher({ ...voucher, code: v })}
          testId="region-einv-code"
        />
        <Field
          label="票据号码"
          value={voucher.number}
          onChange={(v) => setVoucher({ ...voucher, number: v })}
          testId="region-einv-no"
        />
        <Field
          label="校验码"
          value={voucher.checkCode}
          onChange={(v) => setVoucher({ ...voucher, checkCode: v })}
          testId="region-einv-chk"
        />
        <Button
          loading={c.busy}
          data-testid="region-fiscal-upload"
          onClick={() =>
            void c
              .run('region.fiscalUpload', { setlId, ...voucher })
              .then((r) => r && setDone(`财政票据已上传 (${r.infno}): 上传流水号 ${r.upldNo}, 金额 ${yuan(r.amountFen)} 元`))
          }
        >
          上传财政票据 ({codes['fiscalInvoiceUpload']})
        </Button>
      </Space>
      <ErrorNotice error={c.error} testId="region-error" />
      {done && <Done text={done} testId="region-fiscal-done" />}
      {held && (
        <Descriptions size="small" column={4} title="中心登记的财政票据" data-testid="region-voucher">
          <Descriptions.Item label="结算ID">{held.setlId}</Descriptions.Item>
          <Descriptions.Item label="票据代码">{held.code}</Descriptions.Item>
          <Descriptions.Item label="票据号码">{held.number}</Descriptions.Item>
          <Descriptions.Item label="校验码">{held.checkCode}</Descriptions.Item>
          <Descriptions.Item label="票据金额 (元)">{held.amountText}</Descriptions.Item>
          <Descriptions.Item label="开票日期">{held.date}</Descriptions.Item>
          <Descriptions.Item label="上传流水号">{held.upldNo}</Descriptions.Item>
          <Descriptions.Item label="上传时间">{held.upldTime}</Descriptions.Item>
        </Descriptions>
      )}
      {sheet && (
        <Card size="small" title={`结算单 (${sheet.infno})`} data-testid="region-sheet-view">
          <Descriptions size="small" column={4}>
            <Descriptions.Item label="结算ID">{sheet.setlId}</Descriptions.Item>
            <Descriptions.Item label="就诊ID">{sheet.mdtrtId}</Descriptions.Item>
            <Descriptions.Item label="参保人">{sheet.psnNameMasked}</Descriptions.Item>
            <Descriptions.Item label="结算时间">{sheet.setlTime}</Descriptions.Item>
            <Descriptions.Item label="医疗费总额">{yuan(sheet.medfeeFen)}</Descriptions.Item>
            <Descriptions.Item label="基金支付">{yuan(sheet.fundPayFen)}</Descriptions.Item>
            <Descriptions.Item label="个人账户">{yuan(sheet.acctPayFen)}</Descriptions.Item>
            <Descriptions.Item label="个人现金">{yuan(sheet.cashFen)}</Descriptions.Item>
          </Descriptions>
          <Space align="start" size="large">
            <Table
              size="small"
              pagination={false}
              rowKey="type"
              dataSource={[...sheet.funds]}
              locale={{ emptyText: '没有基金支付' }}
              columns={[
                { title: '基金', render: (_, f) => `${f.type} ${f.name}` },
                { title: '金额 (元)', align: 'right', render: (_, f) => yuan(f.amountFen) },
              ]}
            />
            <Table
              size="small"
              pagination={false}
              rowKey={(l) => `${l.code}-${l.cntText}-${l.amountFen}`}
              dataSource={[...sheet.lines]}
              columns={[
                { title: '项目编码', dataIndex: 'code' },
                { title: '数量', dataIndex: 'cntText', align: 'right' },
                { title: '金额 (元)', align: 'right', render: (_, l) => yuan(l.amountFen) },
              ]}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
