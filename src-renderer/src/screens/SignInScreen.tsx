/**
 * 签到 / 签退 / 交班: the operator signs in (9001) before any business; at the end of the shift the
 * hand-over slip (settlements and refunds of the shift) is shown, confirmed, and 9002 signs out.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Typography, type InputRef } from 'antd';
import { useSessionStore } from '../stores/session-store';
import { useLiveStore } from '../stores/live-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { KeyHints } from '../components/KeyHints';
import { ShiftSlip } from '../components/ShiftSlip';
import { useHotkeys } from '../keyboard';
import { useHomeField } from '../focus';
import { useNavStore } from '../stores/nav-store';
import { useOkFocus } from '../components/ok-focus';

export function SignInScreen() {
  const okFocus = useOkFocus();
  const { session, shift, handover, safeControlNotice, loading, error, signIn, signOut, loadShift } = useSessionStore();
  const { printShift, printingShift, shiftPrinted } = useSessionStore();
  const journalTick = useLiveStore((s) => s.journalTick);
  const [confirming, setConfirming] = useState(false);
  const refocus = useNavStore((s) => s.refocus);

  useEffect(() => {
    void loadShift();
  }, [loadShift, journalTick, session?.signNo]);

  useHotkeys({ F8: () => session && (void loadShift(), setConfirming(true)) }, { enabled: !confirming });
  // F7 prints the 交班单 on the screen and in the sign-out dialog alike.
  useHotkeys({ F7: () => void printShift() }, { enabled: !!session, inDialogs: true });
  const printButton = (
    <Button onClick={() => void printShift()} loading={printingShift} data-testid="print-shift">
      打印交班单 (F7)
    </Button>
  );
  const printed = shiftPrinted && (
    <Typography.Text type="success" data-testid="shift-printed">
      {shiftPrinted}
    </Typography.Text>
  );

  const signOutForm = session && (
    <Card title="当前操作员" data-testid="session-card">
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'op', label: '操作员', children: `${session.opter} ${session.opterName}` },
          { key: 'no', label: '签到编号', children: session.signNo },
          { key: 'time', label: '签到时间', children: session.signTime },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          danger
          type="primary"
          loading={loading}
          onClick={() => {
            void loadShift();
            setConfirming(true);
          }}
          data-testid="sign-out"
        >
          签退 / 交班 (F8)
        </Button>
        {printButton}
      </Space>
      <div style={{ marginTop: 8 }}>{printed}</div>
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        testId="shift-keys"
        hints={
          session
            ? [
                ['F7', '打印交班单'],
                ['F8', '签退 / 交班'],
                ['Enter', '确认'],
                ['Esc', '取消'],
              ]
            : [['Enter', '签到']]
        }
      />
      <ErrorNotice error={error} testId="sign-in-error" />
      {session && safeControlNotice && (
        <Alert type="warning" showIcon title={safeControlNotice} data-testid="safe-control-notice" />
      )}
      <Row gutter={16}>
        <Col span={10}>{session ? signOutForm : <SignInForm loading={loading} onSignIn={signIn} />}</Col>
        <Col span={14}>
          {session && shift && (
            <Card title="本班统计 (实时)" size="small">
              <ShiftSlip summary={shift} testId="shift" />
            </Card>
          )}
          {!session && handover && (
            <Card title="上一班交班单" size="small" data-testid="handover">
              <ShiftSlip summary={handover} testId="handover-slip" />
            </Card>
          )}
        </Col>
      </Row>
      <Modal
        open={confirming}
        afterOpenChange={okFocus.afterOpenChange}
        title="确认交班并签退 (9002)"
        okText="签退 (Enter)"
        cancelText="取消 (Esc)"
        okButtonProps={{ danger: true, loading, autoFocus: true, ref: okFocus.okRef, 'data-testid': 'confirm-sign-out' } as never}
        onOk={async () => {
          if (await signOut()) setConfirming(false);
        }}
        onCancel={() => setConfirming(false)}
        // The sign-out button is gone after 9002: the cursor goes to 操作员编号 for the next operator.
        focusTriggerAfterClose={false}
        afterClose={refocus}
        width={760}
        destroyOnHidden
      >
        <Typography.Paragraph>核对本班收费后签退。签退后本操作员不能再办理业务, 接班人需重新签到。</Typography.Paragraph>
        {shift && <ShiftSlip summary={shift} testId="signout-slip" />}
        <Space style={{ marginTop: 8 }}>
          {printButton}
          {printed}
        </Space>
        <ErrorNotice error={error} />
      </Modal>
    </Space>
  );
}

function SignInForm({ loading, onSignIn }: { loading: boolean; onSignIn: (o: string, n: string) => Promise<boolean> }) {
  const opter = useRef<InputRef>(null);
  useHomeField(opter, !loading);
  return (
    <Card title="操作员签到 (9001)">
      <Typography.Paragraph type="secondary">签到后才能办理读卡、结算等业务。签到编号会写入之后每一笔交易。</Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={(v: { opter: string; opterName: string }) => void onSignIn(v.opter.trim(), v.opterName.trim())}
        disabled={loading}
      >
        <Form.Item label="操作员编号" name="opter" rules={[{ required: true, message: '请输入操作员编号' }, { max: 20 }]}>
          <Input ref={opter} autoComplete="off" data-testid="opter" />
        </Form.Item>
        <Form.Item label="操作员姓名" name="opterName" rules={[{ required: true, message: '请输入操作员姓名' }, { max: 50 }]}>
          <Input autoComplete="off" data-testid="opter-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="sign-in">
          签到 (Enter)
        </Button>
      </Form>
    </Card>
  );
}
