/** 费用录入: the item search, the lines of the new bill, the 事前审核 check, the account switch and F5. */
import type { RefObject } from 'react';
import { Button, Card, Space, Switch } from 'antd';
import { useClinicStore } from '../../stores/clinic-store';
import { canPreSettleClinic } from '../../stores/clinic-stage';
import { ItemSearchBox, type ItemSearchHandle } from '../../components/ItemSearchBox';
import { LineEditor } from '../../components/LineEditor';
import { slowSpinner } from '../../components/slow-spinner';
import { useHomeField } from '../../focus';
import { AuditPanel } from './AuditPanel';

/** The lines being entered (drawn again as they change, without the rest of the card); Enter in a line: the search. */
function BillLines({ search }: { search: RefObject<ItemSearchHandle | null> }) {
  const lines = useClinicStore((s) => s.lines);
  const locked = useClinicStore((s) => s.busy !== null);
  const updateLine = useClinicStore((s) => s.updateLine);
  const removeLine = useClinicStore((s) => s.removeLine);
  return <LineEditor lines={lines} onChange={updateLine} onRemove={removeLine} search={search} locked={locked} />;
}

function BillAudit({ mdtrtId }: { mdtrtId: string }) {
  const lines = useClinicStore((s) => s.lines);
  const busy = useClinicStore((s) => s.busy !== null);
  return <AuditPanel mdtrtId={mdtrtId} lines={lines} disabled={busy} />;
}

/** `active`: the visit tab is shown, so the search holds the cursor when nothing is in flight. */
export function FeesCard({
  search,
  active,
  infno,
}: {
  search: RefObject<ItemSearchHandle | null>;
  active: boolean;
  infno: string;
}) {
  // A cancelled registration takes no more bills.
  const mdtrtId = useClinicStore((s) => (s.visit?.cancelled ? undefined : s.visit?.mdtrtId));
  const busy = useClinicStore((s) => s.busy);
  const acctUsed = useClinicStore((s) => s.acctUsed);
  const canPre = useClinicStore(canPreSettleClinic);
  const act = useClinicStore.getState();
  useHomeField(search, active && busy === null);
  if (!mdtrtId) return null;
  return (
    <Card size="small" title={`新单据: 费用录入 (上传时生成收费批次号, ${infno})`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ItemSearchBox ref={search} onPick={act.addItem} disabled={busy !== null} />
        <BillLines search={search} />
        <BillAudit mdtrtId={mdtrtId} />
        <Space size="large">
          <span>
            使用个人账户支付 <Switch checked={acctUsed} onChange={act.setAcctUsed} disabled={busy !== null} />
          </span>
          <Button
            type="primary"
            disabled={!canPre}
            loading={slowSpinner(busy === 'upload')}
            onClick={() => void act.uploadAndPreSettle()}
            data-testid="upload-bill"
          >
            上传明细并预结算 (F5)
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
