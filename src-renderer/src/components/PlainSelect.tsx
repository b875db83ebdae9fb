/**
 * A short fixed choice (医疗类别) as the browser's own <select>, looking like antd's Select: antd's builds a
 * trigger, a popup and a virtual list for two options, and drew them again at each step of the clinic's
 * visit (issue 17). ↑ ↓ change the choice where it has the cursor, as a cashier expects.
 */
export interface PlainOption {
  readonly value: string;
  readonly label: string;
}

export function PlainSelect({
  options,
  value,
  onChange,
  id,
  width,
  disabled,
  problem,
  testId,
}: {
  options: readonly PlainOption[];
  /** Given by antd's Form.Item where the select stands in one. */
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
  width: number;
  disabled?: boolean;
  /** Something is wrong with the choice (said by the field around it): a red border. */
  problem?: string | undefined;
  testId?: string;
}) {
  return (
    <select
      id={id}
      className={problem ? 'plain-select plain-select-problem' : 'plain-select'}
      style={{ width }}
      value={value ?? ''}
      onChange={(event) => onChange?.(event.target.value)}
      disabled={disabled}
      data-testid={testId}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
