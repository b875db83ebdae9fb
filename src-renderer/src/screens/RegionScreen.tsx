/**
 * 四川扩展: the region's own transactions a 四川 counter uses day to day (src-main/region/), shown only
 * where the profile names them (status.profile.regionCodes): 结算单 S3601 and 财政电子票据 S3301 / S3302
 * of a settlement, 门慢门特处方 S3701 / S5201 of a clinic visit, 城乡两病备案 Z1101 / Z1102 and 无密码结算
 * S3901 / S5901 of the person read at 读卡. The screen only asks and shows; the work is on the main side.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Switch, Table, Tabs, Tag } from 'antd';
import type {
  ApiArgs,
  ApiMethod,
  ApiResults,
  ChronicRxView,
  FiscalVoucherView,
  NoPasswordView,
  SettlementSheetView,
} from '../../../src-main/api/contract';
import { call } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { uiError, yuan, type UiError } from '../format';
import { usePersonStore } from '../stores/person-store';
import { useSessionStore } from '../stores/session-store';

/** One center call of a section: its answer, its error and whether it is under way. */
function useCenterCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  async function run<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M] | null> {
    setBusy(true);
    setError(null);
    try {
      return await call(method, args);
    } catch (e) {
      setError(uiError(e));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function Field(props: { label: string; value: string; onChange(v: string): void; testId: string; width?: number }) {
  return (
    <Input
      addonBefore={props.label}
      style={{ width: props.width ?? 260 }}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
    />
  );
}

function Done({ text, testId }: { text: ReactNode; testId: string }) {
  return <Alert type="success" showIcon title={text} data-testid={testId} style={{ marginBottom: 12 }} />;
}

function SettlementSection({ codes }: { codes: Readonly<Record<string, string>> }) {
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

function ChronicRxSection({ codes }: { codes: Readonly<Record<string, string>> }) {
  const c = useCenterCall();
  const [mdtrtId, setMdtrtId] = useState('');
  const [dise, setDise] = useState({ diseCode: '', diseName: '' });
  const [onlyThisVisit, setOnlyThisVisit] = useState(true);
  const [rows, setRows] = useState<readonly ChronicRxView[] | null>(null);
  const [done, setDone] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title="门慢门特 (医疗类别 14) 就诊的处方, 药品取自该就诊已上传的费用明细。" />
      <Space wrap>
        <Field label="就诊ID" value={mdtrtId} onChange={setMdtrtId} testId="region-mdtrt-id" width={300} />
        <Field
          label="病种编码"
          value={dise.diseCode}
          onChange={(v) => setDise({ ...dise, diseCode: v })}
          testId="region-rx-dise-code"
        />
        <Field
          label="病种名称"
          value={dise.diseName}
          onChange={(v) => setDise({ ...dise, diseName: v })}
          testId="region-rx-dise-name"
        />
        <Button
          type="primary"
          loading={c.busy}
          data-testid="region-rx-upload"
          onClick={() =>
            void c
              .run('region.chronicRxUpload', { mdtrtId, ...dise })
              .then((r) => r && setDone(`处方已上传 (${r.infno}): 处方号 ${r.rxno}, 药品 ${r.drugCount} 种`))
          }
        >
          上传处方 ({codes['chronicRxUpload']})
        </Button>
        <Switch checked={onlyThisVisit} onChange={setOnlyThisVisit} checkedChildren="本次就诊" unCheckedChildren="全部处方" />
        <Button
          loading={c.busy}
          data-testid="region-rx-list"
          onClick={() => void c.run('region.chronicRxList', { mdtrtId, onlyThisVisit }).then((r) => r && setRows(r))}
        >
          查询处方 ({codes['chronicRxQuery']})
        </Button>
      </Space>
      <ErrorNotice error={c.error} testId="region-error" />
      {done && <Done text={done} testId="region-rx-done" />}
      {rows && (
        <Table
          size="small"
          pagination={false}
          rowKey="rxno"
          dataSource={[...rows]}
          data-testid="region-rx-rows"
          locale={{ emptyText: '中心没有该参保人的门慢门特处方' }}
          columns={[
            { title: '处方号', dataIndex: 'rxno' },
            { title: '就诊ID', dataIndex: 'mdtrtId' },
            { title: '开方时间', dataIndex: 'rxTime' },
            { title: '病种', dataIndex: 'disease' },
            { title: '医生', dataIndex: 'doctorName' },
            {
              title: '药品',
              render: (_, r) => r.drugs.map((d) => `${d.name || d.code} × ${d.cntText}`).join('; '),
            },
          ]}
        />
      )}
    </Space>
  );
}

/** The person read at 读卡 (F1), or what to do first. */
function PersonLine({ children }: { children: (personKey: string) => ReactNode }) {
  const person = usePersonStore((s) => s.person);
  if (!person)
    return <Alert type="warning" showIcon title="请先读卡 (F1), 备案和申请都针对读卡的参保人" data-testid="region-need-person" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div data-testid="region-person">
        参保人 <b>{person.name}</b> 人员编号 {person.psnNoMasked}
      </div>
      {children(person.key)}
    </Space>
  );
}

function TwoDiseaseSection({ codes, personKey }: { codes: Readonly<Record<string, string>>; personKey: string }) {
  const c = useCenterCall();
  const [dise, setDise] = useState({ diseCode: '', diseName: '' });
  const [serial, setSerial] = useState('');
  const [done, setDone] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Field
          label="病种编码"
          value={dise.diseCode}
          onChange={(v) => setDise({ ...dise, diseCode: v })}
          testId="region-two-code"
        />
        <Field
          label="病种名称"
          value={dise.diseName}
          onChange={(v) => setDise({ ...dise, diseName: v })}
          testId="region-two-name"
        />
        <Button
          type="primary"
          loading={c.busy}
          data-testid="region-two-file"
          onClick={() =>
            void c.run('region.twoDiseaseFile', { personKey, ...dise }).then((r) => {
              if (!r) return;
              setSerial(r.serial);
              setDone(`两病备案成功 (${r.infno}): 备案流水号 ${r.serial}, 撤销时需要此流水号`);
            })
          }
        >
          备案 ({codes['twoDiseaseFiling']})
        </Button>
      </Space>
      <Space wrap>
        <Field label="备案流水号" value={serial} onChange={setSerial} testId="region-two-serial" width={320} />
        <Button
          danger
          loading={c.busy}
          data-testid="region-two-revoke"
          onClick={() =>
            void c
              .run('region.twoDiseaseRevoke', { personKey, serial })
              .then((r) => r && setDone(`两病备案已撤销 (${r.infno}): 备案流水号 ${r.serial}`))
          }
        >
          撤销备案 ({codes['twoDiseaseRevoke']})
        </Button>
      </Space>
      <ErrorNotice error={c.error} testId="region-error" />
      {done && <Done text={done} testId="region-two-done" />}
    </Space>
  );
}

function NoPasswordSection({ codes, personKey }: { codes: Readonly<Record<string, string>>; personKey: string }) {
  const c = useCenterCall();
  const [form, setForm] = useState({ reason: '', begndate: '', enddate: '' });
  const [rows, setRows] = useState<readonly NoPasswordView[] | null>(null);
  const [done, setDone] = useState('');
  const list = () => void c.run('region.noPasswordList', { personKey }).then((r) => r && setRows(r));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Field
          label="申请原因"
          value={form.reason}
          onChange={(v) => setForm({ ...form, reason: v })}
          testId="region-np-reason"
          width={320}
        />
        <Field
          label="开始日期"
          value={form.begndate}
          onChange={(v) => setForm({ ...form, begndate: v })}
          testId="region-np-begin"
          width={220}
        />
        <Field
          label="结束日期"
          value={form.enddate}
          onChange={(v) => setForm({ ...form, enddate: v })}
          testId="region-np-end"
          width={220}
        />
        <Button
          type="primary"
          loading={c.busy}
          data-testid="region-np-apply"
          onClick={() =>
            void c.run('region.noPasswordApply', { personKey, ...form }).then((r) => {
              if (!r) return;
              setDone(`无密码结算申请已提交 (${r.infno}): 申请号 ${r.applicationId}`);
              list();
            })
          }
        >
          申请 ({codes['noPasswordApply']})
        </Button>
        <Button loading={c.busy} data-testid="region-np-list" onClick={list}>
          查询申请 ({codes['noPasswordQuery']})
        </Button>
      </Space>
      <ErrorNotice error={c.error} testId="region-error" />
      {done && <Done text={done} testId="region-np-done" />}
      {rows && (
        <Table
          size="small"
          pagination={false}
          rowKey="applicationId"
          dataSource={[...rows]}
          data-testid="region-np-rows"
          locale={{ emptyText: '该参保人没有无密码结算申请' }}
          columns={[
            { title: '申请号', dataIndex: 'applicationId' },
            { title: '申请原因', dataIndex: 'reason' },
            { title: '有效期', render: (_, r) => `${r.begndate} 至 ${r.enddate}` },
            { title: '申请时间', dataIndex: 'appliedAt' },
            { title: '状态', render: (_, r) => <Tag color={r.valid ? 'green' : 'default'}>{r.validLabel}</Tag> },
          ]}
        />
      )}
    </Space>
  );
}

export function RegionScreen() {
  const status = useSessionStore((s) => s.status);
  const codes = status?.profile.regionCodes ?? {};
  const clinic = status?.institution.kind === 'clinic';
  const tabs = [
    { key: 'settlement', label: '结算单与财政票据', children: <SettlementSection codes={codes} /> },
    ...(clinic ? [{ key: 'chronic', label: '门慢门特处方', children: <ChronicRxSection codes={codes} /> }] : []),
    {
      key: 'two-disease',
      label: '城乡两病备案',
      children: <PersonLine>{(key) => <TwoDiseaseSection codes={codes} personKey={key} />}</PersonLine>,
    },
    {
      key: 'no-password',
      label: '无密码结算',
      children: <PersonLine>{(key) => <NoPasswordSection codes={codes} personKey={key} />}</PersonLine>,
    },
  ];
  return (
    <Card title={`${status?.profile.name ?? ''}扩展交易`} size="small" data-testid="region-screen">
      <Tabs items={tabs} data-testid="region-tabs" />
    </Card>
  );
}
