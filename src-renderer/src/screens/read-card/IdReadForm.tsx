/**
 * 读卡 by 身份证号 and 姓名, Enter reads (1101). A light form (PlainField): antd's Form ran its rules through
 * promises and drew every field again as the read disabled them, between the cashier's Enter and the call
 * (issue 17). A read that succeeds remounts it empty (ReadCardScreen gives it a new key).
 */
import type { Ref } from 'react';
import { Button, Input, type InputRef } from 'antd';
import { PlainField } from '../../components/PlainField';
import { missingFields } from '../../components/plain-form';
import { slowSpinner } from '../../components/slow-spinner';
import { usePlainForm } from '../../components/use-plain-form';

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
  const { values, problems, idOf, change, submit } = usePlainForm<Field>({
    initial: { idNumber: '', name: '' },
    order: ['idNumber', 'name'],
    check: (v) => missingFields(v, MISSING),
    send: (v) => onRead(v.idNumber.trim(), v.name.trim()),
  });
  const input = (field: Field, label: string, maxLength: number, width: number, testId: string, ref?: Ref<InputRef>) => (
    <PlainField label={label} htmlFor={idOf(field)} required inline problem={problems[field]}>
      <Input
        id={idOf(field)}
        ref={ref}
        value={values[field]}
        onChange={(e) => change({ [field]: e.target.value })}
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
