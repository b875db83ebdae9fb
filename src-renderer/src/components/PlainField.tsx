/**
 * One labelled field of a light form (挂号, 读卡 by ID): the label above or before it, what is wrong under it,
 * laid out as antd's vertical or inline Form.Item without its machinery (a store, rules run through promises, a measured message area),
 * which was much of the time from a read card to 挂号 and from Enter to 就诊信息 (issue 17).
 */
import type { ReactNode } from 'react';

export function PlainField({
  label,
  htmlFor,
  required = false,
  inline = false,
  problem,
  children,
}: {
  label: string;
  /** The id of the control: a click on the label puts the cursor there. */
  htmlFor: string;
  required?: boolean;
  /** The label before the control on the same line (antd's inline form), not above it. */
  inline?: boolean;
  problem?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={inline ? 'plain-field plain-field-inline' : 'plain-field'}>
      <label htmlFor={htmlFor} className={required ? 'plain-field-label plain-field-required' : 'plain-field-label'}>
        {label}
      </label>
      {children}
      {problem && (
        <div className="plain-field-problem" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}
