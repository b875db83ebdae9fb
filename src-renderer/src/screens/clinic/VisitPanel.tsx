/**
 * The visit being served: registration, diagnosis, its bills with their states, and the refund
 * actions in the order the center requires (2208 → 2205 → 2202).
 */
import { useState } from 'react';
import { Button, Card, Checkbox, Modal, Space, Tag, Typography } from 'antd';
import { PlainTable } from '../../components/PlainTable';
import { DetailList } from '../../components/DetailList';
import type { BillView, VisitView } from '../../../../src-main/api/contract';
import { yuan } from '../../format';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { UiError } from '../../format';
import { dangerOkProps, useOkFocus } from '../../components/ok-focus';

const BILL_COLOR: Record<BillView['state'], string> = {
  uploaded: 'blue',
  'pre-settled': 'gold',
  settled: 'green',
  refunded: 'volcano',
  cancelled: 'default',
};

export interface RefundChoice {
  chrgBchno: string | undefined;
  cancelFees: boolean;
  cancelRegistration: boolean;
}

export function VisitPanel({
  visit,
  activeBill,
  busy,
  error,
  flows,
  onSelectBill,
  onRefund,
  onReprint,
}: {
  visit: VisitView;
  activeBill: string | null;
  busy: boolean;
  error: UiError | null;
  flows: Readonly<Record<string, string>>;
  onSelectBill: (chrgBchno: string) => void;
  onRefund: (choice: RefundChoice) => Promise<boolean>;
  /** 重打: the receipt of a bill's settlement (still printable after its refund, marked 已退费). */
  onReprint: (setlId: string) => void;
}) {
  const okFocus = useOkFocus();
  const [refund, setRefund] = useState<RefundChoice | null>(null);
  const bill = refund?.chrgBchno ? visit.bills.find((b) => b.chrgBchno === refund.chrgBchno) : undefined;
  const othersOpen = visit.bills.filter((b) => b.chrgBchno !== refund?.chrgBchno && b.state !== 'cancelled');
  const canCancelRegistrationAfter =
    refund !== null &&
    othersOpen.length === 0 &&
    (refund.chrgBchno === undefined || refund.cancelFees || bill?.state === 'cancelled');

  return (
    <Card
      size="small"
      title={
        <Space>
          <span>就诊 {visit.mdtrtId}</span>
          {visit.cancelled && <Tag color="red">挂号已撤销</Tag>}
        </Space>
      }
      extra={
        !visit.cancelled && (
          <Button
            size="small"
            danger
            disabled={!visit.canCancelRegistration || busy}
            onClick={() => setRefund({ chrgBchno: undefined, cancelFees: false, cancelRegistration: true })}
            data-testid="cancel-registration"
          >
            撤销挂号 ({flows['clinicRegisterCancel'] ?? '2202'})
          </Button>
        )
      }
      data-testid="visit-panel"
    >
      <DetailList
        items={[
          { key: 'psn', label: '参保人', children: visit.psnNameMasked },
          { key: 'otp', label: '门诊号', children: visit.iptOtpNo },
          { key: 'ins', label: '险种', children: visit.insutype.label },
          { key: 'reg', label: '挂号', children: `${visit.registeredAt} (${visit.registerInfno})` },
          { key: 'med', label: '医疗类别', children: visit.medType?.label ?? '未上传就诊信息' },
          { key: 'diag', label: '诊断', children: visit.diagnoses.map((d) => `${d.code} ${d.name}`).join('; ') || '—' },
          { key: 'dept', label: '科室', children: visit.deptName },
          { key: 'dr', label: '医生', children: visit.doctorName },
        ]}
      />
      {visit.bills.length > 0 && (
        <PlainTable<BillView>
          rowKey={(b) => b.chrgBchno}
          rows={visit.bills}
          data-testid="bills"
          rowClassName={(b) => (b.chrgBchno === activeBill ? 'row-active' : '')}
          columns={[
            { key: 'bchno', title: '单据 (收费批次号)', render: (b) => b.chrgBchno },
            { key: 'lines', title: '明细', width: 60, render: (b) => b.lines.length },
            { key: 'medfee', title: '金额 (元)', align: 'right', render: (b) => yuan(b.medfeeFen) },
            {
              key: 'state',
              title: '状态',
              render: (b) => (
                <Tag color={BILL_COLOR[b.state]} data-testid={`bill-state-${b.chrgBchno}`}>
                  {b.stateLabel}
                </Tag>
              ),
            },
            { key: 'setl', title: '结算ID', render: (b) => b.settlement?.setlId ?? '' },
            {
              key: 'cash',
              title: '现金 (元)',
              align: 'right',
              render: (b) => (b.settlement ? yuan(b.settlement.psnCashPayFen) : ''),
            },
            {
              key: 'actions',
              title: '操作',
              width: 280,
              render: (b) => (
                <Space>
                  {b.settlement?.setlId && (
                    <Button
                      size="small"
                      onClick={() => onReprint(b.settlement?.setlId ?? '')}
                      data-testid={`reprint-bill-${b.chrgBchno}`}
                    >
                      重打
                    </Button>
                  )}
                  {(b.state === 'uploaded' || b.state === 'pre-settled' || b.state === 'refunded') && (
                    <Button size="small" disabled={busy || visit.cancelled} onClick={() => onSelectBill(b.chrgBchno)}>
                      结算此单
                    </Button>
                  )}
                  {b.state === 'settled' && (
                    <Button
                      size="small"
                      danger
                      disabled={busy}
                      onClick={() => setRefund({ chrgBchno: b.chrgBchno, cancelFees: true, cancelRegistration: false })}
                      data-testid={`refund-bill-${b.chrgBchno}`}
                    >
                      退费
                    </Button>
                  )}
                  {(b.state === 'uploaded' || b.state === 'pre-settled' || b.state === 'refunded') && (
                    <Button
                      size="small"
                      danger
                      disabled={busy}
                      onClick={() => setRefund({ chrgBchno: b.chrgBchno, cancelFees: true, cancelRegistration: false })}
                      data-testid={`cancel-bill-${b.chrgBchno}`}
                    >
                      撤销明细
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
          style={{ marginTop: 8 }}
        />
      )}
      <Modal
        open={refund !== null}
        afterOpenChange={okFocus.afterOpenChange}
        title={refund?.chrgBchno ? `退费 / 撤销: 单据 ${refund.chrgBchno}` : '撤销挂号'}
        okText="确认 (Enter)"
        cancelText="取消 (Esc)"
        okButtonProps={dangerOkProps(okFocus.okRef, 'confirm-clinic-refund', busy)}
        onOk={async () => {
          if (refund && (await onRefund(refund))) setRefund(null);
        }}
        onCancel={() => setRefund(null)}
        destroyOnHidden
      >
        {refund && (
          <Space orientation="vertical">
            <Typography.Text type="secondary">
              按中心要求的顺序执行: 撤销结算 → 撤销明细 → 撤销挂号, 只做勾选的步骤。
            </Typography.Text>
            {bill?.state === 'settled' && (
              <Checkbox checked disabled>
                撤销结算 ({flows['clinicSettleCancel'] ?? '2208'}): 退 {yuan(bill.settlement?.medfeeFen ?? 0)} 元, 其中现金{' '}
                {yuan(bill.settlement?.psnCashPayFen ?? 0)} 元
              </Checkbox>
            )}
            {refund.chrgBchno && bill?.state !== 'cancelled' && (
              <Checkbox
                checked={refund.cancelFees}
                onChange={(e) => setRefund({ ...refund, cancelFees: e.target.checked, cancelRegistration: false })}
                data-testid="refund-cancel-fees"
              >
                同时撤销该单费用明细 ({flows['clinicFeeCancel'] ?? '2205'}); 不勾选则可修改后重新结算
              </Checkbox>
            )}
            <Checkbox
              checked={refund.cancelRegistration}
              disabled={!canCancelRegistrationAfter}
              onChange={(e) => setRefund({ ...refund, cancelRegistration: e.target.checked })}
              data-testid="refund-cancel-registration"
            >
              撤销挂号 ({flows['clinicRegisterCancel'] ?? '2202'})
              {othersOpen.length > 0 ? ': 还有其他单据未撤销, 不能撤销挂号' : ''}
            </Checkbox>
            <ErrorNotice error={error} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
