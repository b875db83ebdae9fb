/** What the light forms (挂号, 读卡 by ID) check before they send: a field left empty, said in the cashier's words. */

/** Each field that is empty or only spaces, with what to tell the cashier about it. */
export function missingFields<K extends string>(
  values: Readonly<Record<K, string>>,
  messages: Readonly<Record<K, string>>,
): Partial<Record<K, string>> {
  const missing: Partial<Record<K, string>> = {};
  for (const field of Object.keys(messages) as K[]) if (values[field].trim() === '') missing[field] = messages[field];
  return missing;
}
