/** 门慢门特处方 S3701 / S5201 of a clinic visit (med_type 14). */
import { useState } from 'react';
import { Alert, Button, Space, Switch, Table } from 'antd';
import type { ChronicRxView } from '../../../../src-main/api/contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useCenterCall, Field, Done } from './section-parts';

export function ChronicRxSection({ codes }: { codes: Readonly<Record<string, string>> }) {
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
