/**
 * 读卡 by 身份证号 and 姓名, Enter reads (1101). A light form (PlainField): antd's Form ran its rules through
 * promises and drew every field again as the read disabled them, between the cashier's Enter and the call
 * (issue 17). A read that succeeds remounts it empty (ReadCardScreen gives it a new key).
 */
import { useId, useState, type FormEvent, type Ref } from 'react';
import { Button, Input, type InputRef } from 'antd';
import { PlainField } from '../../components/PlainField';
import { missingFields } from '../../components/plain-form';
import { slowSpinner } from '../../components/slow-spinner';

type Field = 'idNumber' | 'name';

const MISSING: Readonly<Record<Field, string>> = { idNumber: '请输入身份证号', name: '请输入姓名' };

export function IdReadForm({
  reading,
  idInput,
  onRead,
}: {
  reading: boolean;
  /** The 身份证号 input: the screen's home field. */
  idInput: Ref<InputRef>;
  onRead: (idNumber: string, name: string) => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({ idNumber: '', name: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const idPrefix = useId();
  const idOf = (field: Field) => `${idPrefix}-${field}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = { idNumber: values.idNumber.trim(), name: values.name.trim() };
    const found = missingFields(typed, MISSING);
    setProblems(found);
    const first = (['idNumber', 'name'] as const).find((f) => found[f]);
    if (first) document.getElementById(idOf(first))?.focus();
    else onRead(typed.idNumber, typed.name);
  };
  const input = (field: Field, label: string, maxLength: number, width: number, testId: string, ref?: Ref<InputRef>) => (
    <PlainField label={label} htmlFor={idOf(field)} required inline problem={problems[field]}>
      <Input
        id={idOf(field)}
        ref={ref}
        value={values[field]}
        onChange={(e) => {
          setValues((v) => ({ ...v, [field]: e.target.value }));
          setProblems((p) => ({ ...p, [field]: undefined }));
        }}
        disabled={reading}
        status={problems[field] ? 'error' : undefined}
        autoComplete="off"
        maxLength={maxLength}
        style={{ width }}
        data-testid={testId}
      />
    </PlainField>
  );
  return (
    <form onSubmit={submit} noValidate>
      {input('idNumber', '身份证号', 18, 240, 'id-number', idInput)}
      {input('name', '姓名', 50, 140, 'id-name')}
      <Button type="primary" htmlType="submit" loading={slowSpinner(reading)} disabled={reading} data-testid="read-id">
        读取 (Enter)
      </Button>
    </form>
  );
}
