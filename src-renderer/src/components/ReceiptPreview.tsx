/**
 * The receipt dialog: the paper as it will print (the same HTML the printer gets), the paper
 * format, and 打印. Opened by 打印小票 after a settlement and by 重打 in the histories.
 */
import { Alert, Button, Modal, Segmented, Space, Spin, Tag } from 'antd';
import type { ReceiptFormat } from '../../../src-main/receipts/receipt-model';
import { useReceiptStore } from '../stores/receipt-store';
import { ErrorNotice } from './ErrorNotice';
import { useHotkeys } from '../keyboard';
import { useScreenActive } from '../screen-active';

const FORMATS: { value: ReceiptFormat; label: string }[] = [
  { value: '58', label: '58 mm 小票' },
  { value: '80', label: '80 mm 小票' },
  { value: 'a4', label: 'A4 结算单' },
];

export function ReceiptPreview() {
  const r = useReceiptStore();
  const receipt = r.receipt;
  const widthMm = receipt?.widthMm ?? 80;
  // Enter prints and Esc closes wherever the focus is (the print button is disabled while the
  // receipt loads and while printing, so it cannot hold the focus).
  // Its screen kept mounted but not shown: no dialog over the screen that is.
  const shown = useScreenActive();
  const open = r.setlId !== null && shown;
  useHotkeys({ Enter: () => void r.print(), Escape: r.close }, { enabled: open, inDialogs: true });
  return (
    <Modal
      open={open}
      title={
        <Space>
          <span>{r.reprint ? '重打小票' : '打印小票'}</span>
          {r.setlId && <Tag>结算ID {r.setlId}</Tag>}
          {receipt?.refunded && <Tag color="red">已退费</Tag>}
        </Space>
      }
      width={Math.max(460, Math.min(980, Math.round((widthMm * 96) / 25.4) + 120))}
      onCancel={r.close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={r.close} disabled={r.busy === 'print'}>
            关闭 (Esc)
          </Button>
          <Button
            type="primary"
            onClick={() => void r.print()}
            loading={r.busy === 'print'}
            disabled={!receipt || r.busy === 'render'}
            autoFocus
            data-testid="receipt-print"
          >
            打印 (Enter)
          </Button>
        </Space>
      }
      data-testid="receipt-dialog"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented<ReceiptFormat>
          options={FORMATS}
          value={receipt?.format ?? r.format ?? '80'}
          onChange={(f) => void r.setFormat(f)}
          disabled={r.busy !== null}
          data-testid="receipt-format"
        />
        <ErrorNotice error={r.error} testId="receipt-error" />
        {r.notice && <Alert type="success" showIcon title={r.notice} data-testid="receipt-printed" />}
        <Spin spinning={r.busy === 'render'}>
          {receipt && (
            <iframe
              title={receipt.title}
              srcDoc={receipt.html}
              sandbox=""
              data-testid="receipt-frame"
              style={{
                width: `${receipt.widthMm}mm`,
                height: receipt.roll ? 520 : 640,
                border: '1px solid #d9d9d9',
                background: '#fff',
                display: 'block',
                margin: '0 auto',
              }}
            />
          )}
        </Spin>
      </Space>
    </Modal>
  );
}
