/** F9 on a basket or bill with entered lines: asked first, Enter throws the lines away, Esc keeps them. */
import { useState, type ReactNode } from 'react';
import { Modal, Typography } from 'antd';
import { useOkFocus } from './ok-focus';

function DiscardConfirm({
  open,
  count,
  what,
  onDiscard,
  onKeep,
}: {
  open: boolean;
  count: number;
  /** 购物单 / 收费单 */
  what: string;
  onDiscard: () => void;
  onKeep: () => void;
}) {
  const okFocus = useOkFocus();
  return (
    <Modal
      open={open}
      afterOpenChange={okFocus.afterOpenChange}
      title={`放弃当前${what}?`}
      okText="放弃 (Enter)"
      cancelText="保留 (Esc)"
      okButtonProps={{ danger: true, autoFocus: true, ref: okFocus.okRef, 'data-testid': 'discard-basket-ok' } as never}
      onOk={onDiscard}
      onCancel={onKeep}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="discard-basket">
        {what}里已录入 {count} 项, 还没有结算。放弃后这些明细不再保留, 需要时重新录入。
      </Typography.Paragraph>
    </Modal>
  );
}

/**
 * `ask()` opens the question, saying how many lines `count()` finds then (read when asked: the screen need not
 * follow every line added); `dialog` goes into the screen.
 */
export function useDiscardConfirm(what: string, count: () => number, discard: () => void): { ask(): void; dialog: ReactNode } {
  const [open, setOpen] = useState(false);
  const [counted, setCounted] = useState(0);
  const dialog = (
    <DiscardConfirm
      open={open}
      count={counted}
      what={what}
      onDiscard={() => {
        discard();
        setOpen(false);
      }}
      onKeep={() => setOpen(false)}
    />
  );
  return {
    ask: () => {
      setCounted(count());
      setOpen(true);
    },
    dialog,
  };
}
