/** The uploaded bill being settled (预结算 F5, 结算 F6), its pre-settlement, and the settlement once done. */
import { Button, Card, Space } from 'antd';
import { useClinicStore } from '../../stores/clinic-store';
import { activeBillOf, canPreSettleClinic, canSettleClinic } from '../../stores/clinic-stage';
import { useReceiptStore } from '../../stores/receipt-store';
import { SettleActions } from '../../components/SettleActions';
import { SettlementCard } from '../../components/SettlementCard';
import { SettledAlert } from '../../components/SettledAlert';
import { yuan } from '../../format';

export function BillSettleCard() {
  const bill = useClinicStore(activeBillOf);
  const acctUsed = useClinicStore((s) => s.acctUsed);
  const busy = useClinicStore((s) => s.busy);
  const canPre = useClinicStore(canPreSettleClinic);
  const canSettle = useClinicStore(canSettleClinic);
  const act = useClinicStore.getState();
  if (!bill) return null;
  return (
    <Card
      size="small"
      title={`单据 ${bill.chrgBchno}: ${bill.lines.length} 项, 共 ${yuan(bill.medfeeFen)} 元`}
      data-testid="active-bill"
    >
      <SettleActions
        acctUsed={acctUsed}
        onAcctUsed={act.setAcctUsed}
        acctDisabled={busy !== null}
        canPre={canPre}
        canSettle={canSettle}
        busy={busy}
        onPreSettle={() => void act.preSettle()}
        onSettle={() => void act.settle()}
        testIdPrefix="clinic-"
      >
        <Button onClick={act.newBill} disabled={busy !== null}>
          返回 (Esc)
        </Button>
      </SettleActions>
    </Card>
  );
}

export function BillPre() {
  const pre = useClinicStore((s) => s.pre);
  if (!pre) return null;
  return <SettlementCard settlement={pre} title="预结算结果 (请与患者确认)" kind="pre" testId="clinic-pre-settlement" reveal />;
}

/** 结算成功: the cash to take, the receipt, a new bill of the visit (F9) or the next patient (Esc). */
export function BillDone({ onNextVisit }: { onNextVisit: () => void }) {
  const result = useClinicStore((s) => s.result);
  const newBill = useClinicStore((s) => s.newBill);
  const previewReceipt = useReceiptStore((r) => r.preview);
  if (!result) return null;
  const setlId = result.settlement.setlId;
  return (
    <>
      <SettledAlert
        result={result}
        next="F9 为本次就诊新增单据, Esc 接待下一位。"
        testId="clinic-done"
        action={
          <Space orientation="vertical">
            <Button
              size="small"
              onClick={() => void previewReceipt(setlId ?? '')}
              disabled={!setlId}
              data-testid="clinic-print-receipt"
            >
              打印小票
            </Button>
            <Button size="small" onClick={newBill} data-testid="new-bill">
              新增单据 (F9)
            </Button>
            <Button size="small" onClick={onNextVisit}>
              下一位 (Esc)
            </Button>
          </Space>
        }
      />
      <SettlementCard settlement={result.settlement} title="结算结果 (收费单)" kind="settled" testId="clinic-settlement" reveal />
    </>
  );
}
