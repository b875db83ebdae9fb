/**
 * 就诊信息 (2203 / 2203A): medical category, chief complaint and the diagnoses. A diagnosis is
 * looked up in the local 疾病与诊断 catalogue (code, name or 拼音首字母) when it is synced, or typed.
 */
import { memo, useEffect, useRef, useState, type Ref } from 'react';
import { useTypeAhead } from '../../components/type-ahead';
import { useSearchListbox } from '../../components/SearchListbox';
import { Button, Card, Form, Input, Space, Typography, type FormInstance, type InputRef } from 'antd';
import type { DiagnosisView } from '../../../../src-main/api/contract';
import { DIAGNOSIS_SEARCH_SHOWN } from '../../../../src-main/api/search-limits';
import { call } from '../../api/client';
import type { Diagnosis } from '../../stores/clinic-store';
import { uiError } from '../../format';
import { MED_TYPES } from './register-values';
import { PlainSelect } from '../../components/PlainSelect';
import { useHomeField } from '../../focus';
import { slowSpinner } from '../../components/slow-spinner';

interface Values {
  medType: string;
  mainCondDscr: string;
  diagnoses: Diagnosis[];
}

function DiagnosisCodeInput({
  form,
  row,
  onSearchError,
  value,
  onChange,
  inputRef,
}: {
  form: FormInstance<Values>;
  row: number;
  onSearchError: (message: string | null) => void;
  value?: string;
  onChange?: (value: string) => void;
  inputRef?: Ref<InputRef>;
}) {
  const text = value ?? '';
  const take = (hit: DiagnosisView): string => {
    form.setFieldValue(['diagnoses', row, 'name'], hit.name);
    return hit.code;
  };
  const {
    hits: options,
    answered,
    onKeyDownCapture,
    onActive,
  } = useTypeAhead(text, {
    search: (query) => call('diagnosis.search', { query, limit: DIAGNOSIS_SEARCH_SHOWN }),
    hitsOf: (hits: readonly DiagnosisView[]) => hits,
    keyOf: (hit) => hit.code,
    // The local 疾病与诊断 catalogue answers every keystroke (never the center).
    pauseMs: () => 0,
    onPick: (hit) => (onChange?.(hit.code), take(hit)),
    onAnswer: (query, hits) =>
      onSearchError(
        hits.length ? null : `疾病与诊断目录中没有找到「${query}」: 换编码、名称或拼音首字母再查, 或直接填写编码和名称`,
      ),
    onError: (e) => onSearchError(uiError(e).message),
  });
  const listbox = useSearchListbox({
    hits: options,
    keyOf: (o) => o.code,
    text,
    onActive,
    onPick: (hit) => {
      onChange?.(hit.code);
      take(hit);
    },
  });
  return (
    // data-answered and the held Enter: type-ahead.ts.
    <span data-testid={`diag-search-${row}`} data-answered={answered} onKeyDownCapture={onKeyDownCapture}>
      <span {...listbox.wrapperProps} style={{ display: 'inline-block', width: 180 }}>
        <Input
          {...listbox.inputProps}
          value={text}
          onChange={(e) => onChange?.(e.target.value)}
          placeholder="诊断编码, 如 J06.900"
          data-testid={`diag-code-${row}`}
          ref={inputRef}
        />
        {listbox.list((o) => `${o.code} ${o.name}`, { minWidth: 360, optionTestId: 'diag-option' })}
      </span>
    </span>
  );
}

/** Memoised: drawn ahead while 挂号 is on screen, not again at each change of the clinic screen. */
export const VisitInfoForm = memo(function VisitInfoForm({
  infno,
  medType,
  busy,
  onSubmit,
}: {
  infno: string;
  medType: string;
  busy: boolean;
  onSubmit: (medType: string, mainCondDscr: string, diagnoses: Diagnosis[]) => void;
}) {
  const [form] = Form.useForm<Values>();
  // The first diagnosis code is the home field of 就诊信息 (focus.ts): it takes the cursor also when the screen is shown again.
  const firstCode = useRef<InputRef>(null);
  useHomeField(firstCode, !busy);
  const [searchNote, setSearchNote] = useState<string | null>(null);
  // Drawn ahead, hidden, while 挂号 is on screen (ClinicScreen.tsx): shown, it takes the category just registered
  // (unless the cashier has changed it here: shown again after another screen).
  useEffect(() => {
    if (!form.isFieldTouched('medType')) form.setFieldValue('medType', medType);
  }, [form, medType]);
  // Said before the first keystroke: with no local catalogue the code field finds nothing.
  useEffect(() => {
    call('diagnosis.available', {})
      .then((a) => !a.available && setSearchNote(a.note))
      .catch(() => undefined);
  }, []);
  return (
    <Card size="small" title={`就诊信息与诊断 (${infno})`}>
      <Form<Values>
        form={form}
        // Its fields' ids apart from 挂号's (both have 医疗类别; this one is in the page, hidden, beside it).
        name="visitInfo"
        layout="vertical"
        initialValues={{ medType, mainCondDscr: '', diagnoses: [{ code: '', name: '' }] }}
        onFinish={(v) =>
          onSubmit(
            v.medType,
            v.mainCondDscr ?? '',
            v.diagnoses.map((d) => ({ code: d.code.trim(), name: d.name.trim() })),
          )
        }
        disabled={busy}
      >
        <Space wrap align="start">
          <Form.Item name="medType" label="医疗类别" rules={[{ required: true }]}>
            <PlainSelect options={MED_TYPES} width={160} disabled={busy} />
          </Form.Item>
          <Form.Item name="mainCondDscr" label="主诉">
            <Input style={{ width: 360 }} maxLength={1000} data-testid="main-cond" />
          </Form.Item>
        </Space>
        <div>
          <Typography.Text type="secondary">诊断 (第一条为主诊断; 按医保疾病与诊断目录的编码和名称填写)</Typography.Text>
        </div>
        <Form.List name="diagnoses">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true, message: '诊断编码' }]} noStyle>
                    <DiagnosisCodeInput
                      form={form}
                      row={field.name}
                      onSearchError={setSearchNote}
                      inputRef={i === 0 ? firstCode : undefined}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '诊断名称' }]} noStyle>
                    <Input placeholder="诊断名称" style={{ width: 260 }} data-testid={`diag-name-${i}`} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="link" danger onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  )}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ code: '', name: '' })} style={{ marginTop: 8 }}>
                增加诊断
              </Button>
              {searchNote && (
                <div>
                  <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="diag-search-note">
                    {searchNote}
                  </Typography.Text>
                </div>
              )}
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={slowSpinner(busy)} data-testid="visit-info">
            上传就诊信息 (Enter)
          </Button>
        </div>
      </Form>
    </Card>
  );
});
