/** The person read at 读卡: identity (ID masked), insurance rows with balance, the 2001 treatment check. */
import { Alert, Card, Descriptions, Radio, Space, Tag, Typography } from 'antd';
import type { PersonView } from '../../../src-main/api/contract';
import { yuan } from '../format';
import { PlainTable, type PlainColumn } from './PlainTable';

type InsuranceRow = PersonView['insurances'][number];
type TreatmentRow = NonNullable<PersonView['treatment']['rows']>[number];

/** antd's green / orange / red Tag as plain CSS (app.css `.hit-tag`): these rows are drawn at each read. */
const tag = (color: 'green' | 'orange' | 'red', text: string) => <span className={`hit-tag hit-tag-${color}`}>{text}</span>;

const INSURANCE_COLUMNS: readonly PlainColumn<InsuranceRow>[] = [
  { key: 'pick', title: '', width: 40, render: (r) => <Radio value={r.index} /> },
  { key: 'insutype', title: '险种', render: (r) => `${r.insutype.label} (${r.insutype.code})` },
  { key: 'psnType', title: '人员类别', render: (r) => r.psnType.label },
  {
    key: 'region',
    title: '参保地',
    render: (r) => (
      <span className="hit-line">
        {r.insuplcAdmdvs}
        {tag(r.region === 'local' ? 'green' : 'orange', r.regionLabel)}
      </span>
    ),
  },
  { key: 'status', title: '参保状态', render: (r) => tag(r.active ? 'green' : 'red', r.status.label) },
  {
    key: 'balance',
    title: '个人账户余额 (元)',
    align: 'right',
    render: (r) => <span data-testid={`balance-${r.index}`}>{yuan(r.balanceFen)}</span>,
  },
  { key: 'emp', title: '单位', render: (r) => r.empName },
];

const TREATMENT_COLUMNS: readonly PlainColumn<TreatmentRow>[] = [
  { key: 'fund', title: '基金', render: (r) => r.fundPayType.label },
  { key: 'enjoyed', title: '享受待遇', render: (r) => tag(r.enjoyed ? 'green' : 'red', r.enjoyed ? '享受' : '不享受') },
  { key: 'result', title: '说明', render: (r) => r.result },
];

export function PersonCard({
  person,
  onChoose,
  compact = false,
  busy = false,
  balanceAfterFen,
}: {
  person: PersonView;
  onChoose?: (index: number) => void;
  compact?: boolean;
  busy?: boolean;
  /**
   * The 个人账户余额 the center answered with this sale's settlement (balc): once the sale is
   * settled, the balance read at 读卡 is out of date and the bar shows this one instead.
   */
  balanceAfterFen?: number;
}) {
  const row = person.insurances[person.chosen];
  if (compact) {
    return (
      <Card size="small" data-testid="person-compact">
        <Space size="large" wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {person.name}
          </Typography.Text>
          <span>
            {person.gender} {person.age ?? '-'} 岁
          </span>
          <span>证件 {person.certnoMasked}</span>
          {person.safeMedium?.obtained === false && (
            <Tag color="red" data-testid="safe-medium-missing">
              未经安全控件读卡, 不能医保结算 (F1 读卡页按 F5 读卡器读卡)
            </Tag>
          )}
          {row && (
            <>
              <Tag color="blue">{row.insutype.label}</Tag>
              <span>{row.psnType.label}</span>
              <Tag color={row.region === 'local' ? 'green' : 'orange'}>{row.regionLabel}</Tag>
              <span data-testid="person-balance-label">
                {balanceAfterFen === undefined ? '个人账户余额' : <Tag color="green">结算后个人账户余额</Tag>}
                <b data-testid="person-balance">{yuan(balanceAfterFen ?? row.balanceFen)}</b> 元
              </span>
            </>
          )}
        </Space>
      </Card>
    );
  }
  return (
    <Card title="参保人信息 (1101)" size="small" data-testid="person-card">
      <Descriptions
        size="small"
        column={3}
        bordered
        items={[
          { key: 'name', label: '姓名', children: <b data-testid="person-name">{person.name}</b> },
          { key: 'gender', label: '性别 / 年龄', children: `${person.gender} / ${person.age ?? '-'} 岁` },
          { key: 'birth', label: '出生日期', children: person.birthDate },
          { key: 'cert', label: '证件号码', children: <span data-testid="person-certno">{person.certnoMasked}</span> },
          { key: 'credential', label: '就诊凭证', children: `${person.credential.label} ${person.credentialNoMasked}` },
          { key: 'read', label: '读卡时间', children: person.readAt },
        ]}
      />
      {person.safeMedium && (
        <Alert
          style={{ marginTop: 8 }}
          type={person.safeMedium.obtained ? 'info' : 'error'}
          showIcon
          title={person.safeMedium.text}
          data-testid="safe-medium"
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        参保信息 {person.insurances.length > 1 ? '(选择本次结算使用的一条)' : ''}
      </Typography.Title>
      <Radio.Group
        value={person.chosen}
        onChange={(e) => onChoose?.(Number(e.target.value))}
        disabled={busy}
        style={{ width: '100%' }}
      >
        <PlainTable rowKey={(r) => r.index} rows={person.insurances} columns={INSURANCE_COLUMNS} />
      </Radio.Group>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        待遇检查 (2001, {person.treatment.medType.label})
      </Typography.Title>
      {person.treatment.error && <Alert type="warning" showIcon title={person.treatment.error} />}
      {person.treatment.rows && person.treatment.rows.length === 0 && <Alert type="success" showIcon title="没有待遇限制" />}
      {person.treatment.rows && person.treatment.rows.length > 0 && (
        <PlainTable
          rowKey={(r) => r.fundPayType.code + r.result}
          rows={person.treatment.rows}
          data-testid="treatment"
          columns={TREATMENT_COLUMNS}
        />
      )}
    </Card>
  );
}
