/**
 * The person and items the scenario uses. Items always come from the center under test (its
 * 1312 catalogue query, so they exist there); the person from the embedded sandbox's seeded
 * register, or from the command line when the center is another one.
 */
import { YibaoError } from '../core/errors';
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import { maskIdNumber, maskName } from '../core/mask';
import type { AcceptanceSubjects } from './types';

export interface SubjectOptions {
  readonly certno?: string;
  readonly name?: string;
}

/** A cheap price the center accepts for any item without a cap (the scenario is about interfaces, not amounts). */
const TEST_PRICE = '2.50';
const DIAGNOSIS = { code: 'J06.900', name: '急性上呼吸道感染' };

export async function chooseSubjects(app: CounterApp, operator: Operator, options: SubjectOptions): Promise<AcceptanceSubjects> {
  const person = options.certno && options.name ? { certno: options.certno, name: options.name } : sandboxPerson(app);
  const items = await catalogueItems(app, operator);
  return {
    person,
    items,
    diagnosis: DIAGNOSIS,
    source: `${maskName(person.name)} ${maskIdNumber(person.certno)}; ${items.map((i) => `${i.code} ${i.name}`).join('; ')}`,
  };
}

function sandboxPerson(app: CounterApp): { certno: string; name: string } {
  const store = app.sandbox?.center.store;
  if (!store) {
    throw new YibaoError('E_ACCEPTANCE_PERSON', '对接的不是内置沙箱中心: 请用 --cert-no 和 --name 指定中心提供的测试参保人');
  }
  // An employee (职工) with an active insurance and money on the personal account, so 个账 is exercised.
  const person = store.persons.list().find((p) => {
    if (p.category !== 'emp-active') return false;
    const ins = store.persons.insurance(p.psnNo)[0];
    return ins !== undefined && ins.psnInsuStas === '1' && ins.balc >= 50_000;
  });
  if (!person) throw new YibaoError('E_ACCEPTANCE_PERSON', '沙箱中心没有可用的在职职工测试人员');
  return { certno: person.certno, name: person.psnName };
}

/** A 甲类 and an 乙类 drug (西药 101) that are valid, from the first page of the center's catalogue query. */
export async function catalogueItems(app: CounterApp, operator: Operator): Promise<AcceptanceSubjects['items']> {
  const infno = app.client.profile.flows.catalogueQuery;
  const result = await app.callAs(operator, infno, {
    data: { list_type: '101', vali_flag: '1', updt_time: '2000-01-01 00:00:00', page_num: 1, page_size: 200 },
  });
  const rows = ((result.output as { data?: Record<string, unknown>[] }).data ?? []).filter((r) => r['vali_flag'] !== '0');
  const pick = (lv: string) => rows.find((r) => r['chrgitm_lv'] === lv && typeof r['hilist_code'] === 'string');
  const chosen = [pick('01'), pick('02')].filter((r): r is Record<string, unknown> => r !== undefined);
  if (chosen.length === 0) {
    throw new YibaoError('E_ACCEPTANCE_ITEMS', `中心目录查询 (${infno}) 没有返回可用的甲类或乙类西药, 无法组织验收场景`);
  }
  return chosen.map((r) => ({ code: String(r['hilist_code']), name: String(r['hilist_name'] ?? ''), pricText: TEST_PRICE }));
}
