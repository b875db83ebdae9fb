/** The sections about the person read at 读卡: 城乡两病备案 Z1101 / Z1102 and 无密码结算 S3901 / S5901. */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Space, Table, Tag } from 'antd';
import type { NoPasswordView } from '../../../../src-main/api/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePersonStore } from '../../stores/person-store';
import { useCenterCall, Field, Done } from './section-parts';

/** The person read at 读卡 (F1), or what to do first. */
export function PersonLine({ children }: { children: (personKey: string) => ReactNode }) {
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

export function TwoDiseaseSection({ codes, personKey }: { codes: Readonly<Record<string, string>>; personKey: string }) {
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

export function NoPasswordSection({ codes, personKey }: { codes: Readonly<Record<string, string>>; personKey: string }) {
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
