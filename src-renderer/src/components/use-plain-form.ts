/**
 * The state of a light form (挂号, 读卡 by ID): its values, what is wrong with them, each control's id, and the
 * submit that checks first: a field with a problem takes the cursor (the first in screen order), else the values
 * are sent. Typing in a field drops its problem.
 */
import { useId, useState, type FormEvent } from 'react';

export function usePlainForm<K extends string>({
  initial,
  order,
  check,
  send,
}: {
  initial: Readonly<Record<K, string>>;
  /** The fields in the order they stand on screen. */
  order: readonly K[];
  check(values: Readonly<Record<K, string>>): Partial<Record<K, string>>;
  send(values: Readonly<Record<K, string>>): void;
}) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<K, string>>>({});
  const idPrefix = useId();
  const idOf = (field: K) => `${idPrefix}-${field}`;
  const change = (patch: Partial<Record<K, string>>) => {
    setValues((v) => ({ ...v, ...patch }));
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([f]) => !(f in patch))) as Partial<Record<K, string>>);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setProblems(found);
    const first = order.find((f) => found[f]);
    if (first) document.getElementById(idOf(first))?.focus();
    else send(values);
  };
  return { values, problems, idOf, change, submit };
}
