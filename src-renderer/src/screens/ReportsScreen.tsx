/**
 * 对账与报表: the day's settlement report (by operator, 险种, fund; reversals; a chart of the
 * day), export to XLSX / CSV, and the day's 对账 (3201, and 3202 when it does not balance) with
 * the differing settlements and the history of earlier runs.
 */
import { useEffect } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type {
  FundRow,
  ReconcileDifferenceView,
  ReconcileGroupView,
  ReconcileRunView,
  ReportRow,
} from '../../../src-main/api/contract';
import { useReportsStore } from '../stores/reports-store';
import { DayChart } from '../components/DayChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { ClearingCard } from '../components/ClearingCard';
import { useSessionStore } from '../stores/session-store';
import { DATE_FORMAT, yuan } from '../format';

const money = (title: string, pick: (r: ReportRow) => number) => ({
  title,
  align: 'right' as const,
  render: (_: unknown, r: ReportRow) => yuan(pick(r)),
});

const totalsColumns = (first: string) => [
  { title: first, dataIndex: 'label' },
  { title: '结算笔数', align: 'right' as const, render: (_: unknown, r: ReportRow) => r.totals.settleCount },
  { title: '退费笔数', align: 'right' as const, render: (_: unknown, r: ReportRow) => r.totals.refundCount },
  money('医疗费净额', (r) => r.totals.medfeeFen),
  money('基金支付', (r) => r.totals.fundPayFen),
  money('个人账户', (r) => r.totals.acctPayFen),
  money('现金', (r) => r.totals.cashFen),
];

const fundColumns = [
  { title: '基金', render: (_: unknown, r: FundRow) => r.label || r.key },
  { title: '结算支付', align: 'right' as const, render: (_: unknown, r: FundRow) => yuan(r.settledFen) },
  { title: '退费退回', align: 'right' as const, render: (_: unknown, r: FundRow) => yuan(r.refundedFen) },
  { title: '净额', align: 'right' as const, render: (_: unknown, r: FundRow) => <b>{yuan(r.netFen)}</b> },
];

const RESULT: Record<ReconcileRunView['result'], [string, string]> = {
  running: ['进行中', 'blue'],
  balanced: ['平', 'green'],
  unbalanced: ['不平', 'red'],
  failed: ['中断', 'orange'],
};

function RunResult({ run }: { run: ReconcileRunView }) {
  const [label, color] = RESULT[run.result];
  return (
    <Tag color={color} data-testid={`reconcile-result-${run.id}`}>
      {label}
    </Tag>
  );
}

function RunDetail({ run }: { run: ReconcileRunView }) {
  return (
    <div data-testid="reconcile-run">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {run.kind === 'clearing' ? '整月对总账 (清算申请)' : '对账'} {run.begndate}
          {run.enddate !== run.begndate ? ` 至 ${run.enddate}` : ''}
        </Typography.Text>
        <RunResult run={run} />
        {run.ranBy && (
          <Tag color="geekblue" data-testid="reconcile-ran-by">
            门店对账: 由 {run.ranBy.counter} 于 {run.ranBy.finishedAt} 完成
          </Tag>
        )}
        <Typography.Text type="secondary">{run.note}</Typography.Text>
      </Space>
      {run.groups.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(g) => `${g.insutype}|${g.clrType}|${g.setlOptins}`}
          dataSource={run.groups as ReconcileGroupView[]}
          columns={[
            { title: '险种', render: (_, g) => `${g.insutype} ${g.insutypeLabel}` },
            { title: '清算类别', dataIndex: 'clrType' },
            { title: '经办机构', dataIndex: 'setlOptins' },
            { title: '笔数', dataIndex: 'count', align: 'right' },
            { title: '医疗费总额', align: 'right', render: (_, g) => yuan(g.medfeeFen) },
            { title: '基金支付', align: 'right', render: (_, g) => yuan(g.fundPayFen) },
            { title: '个人账户', align: 'right', render: (_, g) => yuan(g.acctPayFen) },
            { title: '结果', render: (_, g) => <Tag color={g.balanced ? 'green' : 'red'}>{g.balanced ? '平' : '不平'}</Tag> },
            { title: '中心说明', dataIndex: 'stmtRsltDscr', ellipsis: true },
          ]}
        />
      )}
      {run.differences.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            不一致的结算 ({run.differences.length} 笔)
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            data-testid="reconcile-differences"
            rowKey={(d) => `${d.detailMsgid}|${d.setlId}|${d.stmtRslt}`}
            dataSource={run.differences as ReconcileDifferenceView[]}
            columns={[
              { title: '类型', render: (_, d) => <Tag color="red">{d.kindLabel}</Tag> },
              { title: '结算ID', dataIndex: 'setlId' },
              { title: '报文ID (msgid)', dataIndex: 'msgid' },
              { title: '人员编号', dataIndex: 'psnNo' },
              { title: '退费', render: (_, d) => (d.refdSetlFlag === '1' ? '是' : '否') },
              { title: '说明', dataIndex: 'memo', ellipsis: true },
            ]}
          />
        </>
      )}
    </div>
  );
}

export function ReportsScreen() {
  const s = useReportsStore();
  const { load } = s;
  useEffect(() => {
    void load();
  }, [load]);
  const r = s.report;
  const clearing = useSessionStore((st) => st.status?.profile.clearing ?? false);
  // With a shop store the day's 对账 is the shop's: the newest, whichever counter ran it.
  const lastRun = s.outcome?.run ?? s.shopRun ?? s.history.find((h) => h.kind === 'daily' && h.begndate === s.date) ?? null;
  return (
    <div data-testid="reports-screen" className="reports-screen">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          对账与报表
        </Typography.Title>
        <DatePicker
          value={dayjs(s.date, DATE_FORMAT)}
          format={DATE_FORMAT}
          allowClear={false}
          onChange={(d) => d && s.setDate(d.format(DATE_FORMAT))}
          style={{ width: 160 }}
          data-testid="report-date"
        />
        {s.counters.length > 0 && (
          <Select
            value={s.scope}
            onChange={(v: string) => s.setScope(v)}
            style={{ width: 180 }}
            data-testid="report-scope"
            options={[
              { value: '', label: '本机' },
              { value: 'shop', label: '全店 (全部收银台)' },
              ...s.counters.filter((c) => !c.mine).map((c) => ({ value: c.name, label: `收银台: ${c.name}` })),
            ]}
          />
        )}
        <Input
          placeholder="操作员编号 (交班报表, 可空)"
          value={s.opter}
          onChange={(e) => s.setOpter(e.target.value)}
          style={{ width: 220 }}
          allowClear
          data-testid="report-opter"
        />
        <Button onClick={() => void s.load()} loading={s.loading} data-testid="report-refresh">
          刷新
        </Button>
        <Button onClick={() => void s.exportFile('xlsx')} loading={s.exporting === 'xlsx'} data-testid="export-xlsx">
          导出表格 (XLSX)
        </Button>
        <Button onClick={() => void s.exportFile('csv')} loading={s.exporting === 'csv'} data-testid="export-csv">
          导出 CSV
        </Button>
      </Space>
      <ErrorNotice error={s.error} testId="reports-error" />
      {r && (
        <Row gutter={16}>
          <Col span={24}>
            <Card size="small" title="当日汇总" style={{ marginBottom: 12 }}>
              <Descriptions
                size="small"
                column={4}
                items={[
                  {
                    key: 'scope',
                    label: '范围',
                    children: r.scope.opter ? `${r.scope.opter} ${r.scope.opterName} 自 ${r.scope.since}` : '全天',
                  },
                  {
                    key: 'settle',
                    label: '结算笔数',
                    children: <span data-testid="report-settle-count">{r.totals.settleCount}</span>,
                  },
                  { key: 'refund', label: '退费笔数', children: r.totals.refundCount },
                  { key: 'medfee', label: '医疗费净额', children: <b data-testid="report-medfee">{yuan(r.totals.medfeeFen)}</b> },
                  { key: 'fund', label: '基金支付', children: yuan(r.totals.fundPayFen) },
                  { key: 'acct', label: '个人账户', children: yuan(r.totals.acctPayFen) },
                  { key: 'cash', label: '现金', children: yuan(r.totals.cashFen) },
                  {
                    key: 'rev',
                    label: '已冲正 / 原交易未生效 / 需人工',
                    children: `${r.reversals.reversed} / ${r.reversals.notApplied} / ${r.reversals.needsManual}`,
                  },
                ]}
              />
              <DayChart hourly={r.hourly} />
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card size="small" title="按操作员" style={{ marginBottom: 12 }}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={r.byOperator as ReportRow[]}
                columns={totalsColumns('操作员')}
              />
            </Card>
            <Card size="small" title="按险种" style={{ marginBottom: 12 }}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={r.byInsutype as ReportRow[]}
                columns={totalsColumns('险种')}
              />
            </Card>
          </Col>
          <Col xs={24} xxl={12}>
            <Card size="small" title="按基金" style={{ marginBottom: 12 }}>
              <Table size="small" pagination={false} rowKey="key" dataSource={r.byFund as FundRow[]} columns={fundColumns} />
            </Card>
            <Card size="small" title="按基金类型 (结算明细)" style={{ marginBottom: 12 }}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={r.byFundPayType as FundRow[]}
                columns={fundColumns}
              />
            </Card>
          </Col>
        </Row>
      )}
      {clearing && <ClearingCard reloadKey={s.outcome} />}
      <Card
        size="small"
        title="日对账 (3201 对总账, 不平时 3202 对明细)"
        extra={
          <Button type="primary" onClick={() => void s.reconcile()} loading={s.reconciling} data-testid="run-reconcile">
            对账 {s.date}
          </Button>
        }
      >
        {s.outcome?.clearing && (
          <Alert
            type={s.outcome.clearing.status === 'sent' || s.outcome.clearing.status === 'already-sent' ? 'success' : 'info'}
            showIcon
            title={`清算申请: ${s.outcome.clearing.message}`}
            style={{ marginBottom: 8 }}
          />
        )}
        {lastRun ? <RunDetail run={lastRun} /> : <Typography.Text type="secondary">这一天还没有对账</Typography.Text>}
        {s.history.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              对账记录
            </Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={s.history as ReconcileRunView[]}
              expandable={{ expandedRowRender: (run) => <RunDetail run={run} /> }}
              columns={[
                { title: '#', dataIndex: 'id', width: 60 },
                { title: '类型', render: (_, run) => (run.kind === 'clearing' ? '清算申请' : '日对账') },
                {
                  title: '期间',
                  render: (_, run) => (run.begndate === run.enddate ? run.begndate : `${run.begndate} 至 ${run.enddate}`),
                },
                { title: '操作员', dataIndex: 'opter' },
                { title: '开始', dataIndex: 'startedAt' },
                { title: '结果', render: (_, run) => <RunResult run={run} /> },
                { title: '说明', dataIndex: 'note', ellipsis: true },
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
