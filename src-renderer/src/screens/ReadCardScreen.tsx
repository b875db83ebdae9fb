/**
 * 读卡: identify the customer by ID number, by a scanned 医保电子凭证 / card string (scanner or
 * reader in keyboard mode) or through the configured reader; 1101 person panel and 2001 check.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Card, Input, Segmented, Space, Typography, type InputRef } from 'antd';
import { readyToSell, usePersonStore } from '../stores/person-store';
import { useNavStore } from '../stores/nav-store';
import { useSettingsStore } from '../stores/settings-store';
import { useSessionStore } from '../stores/session-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { KeyHints } from '../components/KeyHints';
import { PersonCard } from '../components/PersonCard';
import { useHotkeys } from '../keyboard';
import { useHomeField } from '../focus';
import { useScreenActive } from '../screen-active';
import { slowSpinner } from '../components/slow-spinner';
import { IdReadForm } from './read-card/IdReadForm';

type Mode = 'id' | 'scan';

export function ReadCardScreen() {
  const { person, reading, error, read, readDevice, choose, clear } = usePersonStore();
  const devices = useSettingsStore((s) => s.devices);
  const loadSettings = useSettingsStore((s) => s.load);
  const kind = useSessionStore((s) => s.status?.institution.kind);
  const go = useNavStore((s) => s.go);
  const [mode, setMode] = useState<Mode>('id');
  // A new key mounts the ID form anew, empty (after a read, on Esc, when the screen is shown again).
  const [idFormKey, setIdFormKey] = useState(0);
  const resetIdForm = () => setIdFormKey((k) => k + 1);
  const [scanText, setScanText] = useState('');
  const idInput = useRef<InputRef>(null);
  const scanInput = useRef<InputRef>(null);

  useEffect(() => {
    if (!devices) void loadSettings();
  }, [devices, loadSettings]);
  // Hidden (its effects are cleaned up then): shown again, it opens empty on the ID number, as when mounted anew.
  useEffect(
    () => () => {
      setIdFormKey((k) => k + 1);
      setScanText('');
      setMode('id');
    },
    [],
  );
  const shown = useScreenActive();
  // The read field holds the cursor: after each read (the inputs are disabled while it runs) and on
  // a change of mode, so the next customer's ID or the next scan lands in it.
  useHomeField(mode === 'id' ? idInput : scanInput, !reading);

  const readScan = async () => {
    if (!scanText.trim()) return;
    await read({ kind: 'scan', text: scanText }, goOnToSale);
    // A scan is used once: clear it either way so the next scan starts empty.
    setScanText('');
  };
  const refocus = useNavStore((s) => s.refocus);
  /**
   * After a typed or scanned read with nothing to look at or choose, 收费 is next: no F2 (F1 comes
   * back here). A reader's read (F5) stays: its 安全控件 medium is shown here.
   */
  const goOnToSale = () => {
    if (readyToSell(usePersonStore.getState().person)) go('sale');
  };
  const reset = () => {
    clear();
    resetIdForm();
    setScanText('');
    refocus();
  };
  useHotkeys({
    Escape: reset,
    F5: () => devices?.readsOnMainSide && void readDevice(),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        hints={[
          ['Enter', '读取'],
          ...(devices?.readsOnMainSide ? ([['F5', '读卡器读卡']] as const) : []),
          ['F2', kind === 'clinic' ? '去门诊收费' : '去药店购药'],
          ['Esc', '清除, 下一位'],
        ]}
      />
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Segmented<Mode>
            value={mode}
            onChange={setMode}
            options={[
              { label: '身份证号', value: 'id' },
              { label: '扫码 / 刷卡 (电子凭证、社保卡)', value: 'scan' },
            ]}
            data-testid="read-mode"
          />
          {mode === 'id' ? (
            <IdReadForm
              key={idFormKey}
              reading={reading}
              idInput={idInput}
              onRead={(idNumber, name) =>
                // The typed ID number does not stay on screen once the person is read. The form mounted anew
                // (the old input and its focus are gone): focus the new one.
                void read({ kind: 'id', idNumber, name }, () => {
                  resetIdForm();
                  refocus();
                  goOnToSale();
                })
              }
            />
          ) : (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                ref={scanInput}
                value={scanText}
                disabled={reading}
                onChange={(e) => setScanText(e.target.value)}
                onPressEnter={() => void readScan()}
                placeholder="光标在此时扫医保电子凭证 (解码后的内容) 或刷社保卡 (键盘模式读卡器)"
                data-testid="scan-text"
                autoComplete="off"
              />
              <Button type="primary" loading={slowSpinner(reading)} disabled={reading} onClick={() => void readScan()}>
                读取 (Enter)
              </Button>
            </Space.Compact>
          )}
          {devices?.readsOnMainSide && (
            <Space>
              <Button
                onClick={() => void readDevice()}
                loading={slowSpinner(reading)}
                disabled={reading}
                data-testid="read-device"
              >
                读卡器读卡 (F5)
              </Button>
              <Typography.Text type="secondary">{devices.configured.label}</Typography.Text>
            </Space>
          )}
        </Space>
      </Card>
      <ErrorNotice error={error} testId="read-error" />
      {/* Not drawn while hidden: the read that goes on to 收费 shows the person there, and only there. */}
      {person && shown && (
        <>
          <PersonCard person={person} onChoose={(i) => void choose(i)} busy={reading} />
          <Space>
            <Button type="primary" onClick={() => go('sale')} data-testid="go-sale">
              {kind === 'clinic' ? '去门诊收费 (F2)' : '去药店购药 (F2)'}
            </Button>
            <Button onClick={reset}>清除 (Esc)</Button>
          </Space>
        </>
      )}
    </Space>
  );
}
