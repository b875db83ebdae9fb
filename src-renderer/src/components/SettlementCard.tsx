/** A pre-settlement, settlement or refund: the amounts from integer fen, the fund breakdown, the lines. */
import { useEffect, useRef, type CSSProperties } from 'react';
import { Card } from 'antd';
import type { SettlementView } from '../../../src-main/api/contract';
import { yuan } from '../format';
import { PlainTable, type PlainColumn } from './PlainTable';
import { DetailList } from './DetailList';

type FundRow = SettlementView['funds'][number];
type LineRow = SettlementView['lines'][number];

const FUND_COLUMNS: readonly PlainColumn<FundRow>[] = [
  { key: 'type', title: '基金支付明细', render: (r) => r.fundPayType.label },
  { key: 'amount', title: '金额 (元)', align: 'right', render: (r) => yuan(r.amountFen) },
  { key: 'note', title: '说明', render: (r) => r.note },
];

const LINE_COLUMNS: readonly PlainColumn<LineRow>[] = [
  { key: 'name', title: '项目', render: (r) => r.name || r.code },
  // The 医保等级 as antd's default Tag looks (app.css `.hit-tag`).
  { key: 'level', title: '等级', width: 60, render: (r) => <span className="hit-tag">{r.chrgitmLv.label}</span> },
  { key: 'cnt', title: '数量', width: 70, align: 'right', render: (r) => r.cntText },
  { key: 'pric', title: '单价', width: 90, align: 'right', render: (r) => r.pricText },
  { key: 'amount', title: '金额', width: 90, align: 'right', render: (r) => yuan(r.amountFen) },
  { key: 'own', title: '自费', width: 80, align: 'right', render: (r) => yuan(r.fulamtOwnpayFen + r.overlmtFen) },
  { key: 'pre', title: '先行自付', width: 80, align: 'right', render: (r) => yuan(r.preselfpayFen) },
  { key: 'memo', title: '说明', render: (r) => r.memo },
];

/**
 * One amount the cashier reads out, looking like antd's Statistic (app.css `.amount`): plain elements, drawn at
 * each F5 / F6 without Statistic's number formatting and hooks (issue 17). The number is `.amount-value`.
 */
function Amount({ title, value, style, testId }: { title: string; value: string; style?: CSSProperties; testId: string }) {
  return (
    <div className="amount" data-testid={testId}>
      <div className="amount-title">{title}</div>
      <div className="amount-value" style={style}>
        {value}
      </div>
    </div>
  );
}

export function SettlementCard({
  settlement,
  title,
  kind,
  testId,
  showLines = true,
  reveal = false,
}: {
  settlement: SettlementView;
  title: string;
  kind: 'pre' | 'settled' | 'refund';
  testId: string;
  showLines?: boolean;
  /**
   * Scroll the amounts the cashier reads out (基金, 个人账户, 个人现金) into the window when this
   * result arrives: at 1366×768 they would otherwise sit below the fold, under the lines.
   */
  reveal?: boolean;
}) {
  const s = settlement;
  const amounts = useRef<HTMLDivElement>(null);
  // Once per result: the card of a kept screen (收费) runs its effects again each time the screen is shown, and
  // a scroll then (a forced layout, 8 ms at the clinic's next read) would bring back an old result's amounts.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!reveal || revealed.current === s.msgid) return;
    revealed.current = s.msgid;
    amounts.current?.scrollIntoView({ block: 'nearest' });
  }, [reveal, s.msgid]);
  const extra = (
    <span>
      {s.infno} · 报文 {s.msgid}
      {s.setlId ? ` · 结算ID ${s.setlId}` : ''}
    </span>
  );
  const color = kind === 'refund' ? '#cf1322' : kind === 'settled' ? '#389e0d' : '#0b4f8a';
  return (
    <Card title={title} extra={extra} size="small" data-testid={testId} style={{ borderColor: color }}>
      <div ref={amounts} className="reveal-amounts amount-row">
        <Amount
          title={kind === 'refund' ? '退费总额 (元)' : '医疗费总额 (元)'}
          value={yuan(s.medfeeFen)}
          testId={`${testId}-total`}
        />
        <Amount title="基金支付 (元)" value={yuan(s.fundPaySumFen)} testId={`${testId}-fund`} />
        <Amount title="个人账户 (元)" value={yuan(s.acctPayFen)} testId={`${testId}-acct`} />
        <Amount
          title={kind === 'refund' ? '退现金 (元)' : '个人现金 (元)'}
          value={yuan(s.psnCashPayFen)}
          style={{ color, fontWeight: 600 }}
          testId={`${testId}-cash`}
        />
      </div>
      <DetailList
        style={{ marginTop: 12 }}
        items={[
          { key: 'ins', label: '险种', children: s.insutype.label },
          { key: 'med', label: '医疗类别', children: s.medType.label },
          { key: 'own', label: '全自费', children: yuan(s.fulamtOwnpayFen) },
          { key: 'over', label: '超限价自费', children: yuan(s.overlmtSelfpayFen) },
          { key: 'pre', label: '先行自付', children: yuan(s.preselfpayFen) },
          { key: 'inscp', label: '符合政策范围', children: yuan(s.inscpScpFen) },
          { key: 'hifp', label: '统筹基金', children: yuan(s.hifpPayFen) },
          { key: 'cvl', label: '公务员补助', children: yuan(s.cvlservPayFen) },
          { key: 'hifmi', label: '大病保险', children: yuan(s.hifmiPayFen) },
          { key: 'maf', label: '医疗救助', children: yuan(s.mafPayFen) },
          { key: 'psn', label: '个人负担', children: yuan(s.psnPartFen) },
          {
            key: 'balc',
            label: kind === 'pre' ? '预计结算后余额' : kind === 'refund' ? '退费后账户余额' : '结算后账户余额',
            children: yuan(s.balanceAfterFen),
          },
          { key: 'time', label: '时间', children: s.time },
        ]}
      />
      {s.funds.length > 0 && (
        <PlainTable rowKey={(r) => r.fundPayType.code} rows={s.funds} style={{ marginTop: 8 }} columns={FUND_COLUMNS} />
      )}
      {showLines && s.lines.length > 0 && (
        <PlainTable rowKey={(r) => r.sn} rows={s.lines} style={{ marginTop: 8 }} columns={LINE_COLUMNS} />
      )}
    </Card>
  );
}
