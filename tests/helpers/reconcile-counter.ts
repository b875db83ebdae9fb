/**
 * A signed-in counter on the sandbox harness, a pharmacy sale and an outpatient bill settled through
 * its services (the 对账, clearing and shop tests).
 */
import { join } from 'node:path';
import type { CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import type { SaleResult } from '../../src-main/counter/views';
import type { PersonRow } from '../../src-main/sandbox/store';
import type { Harness } from './sandbox-harness';
import { OUTPATIENT_VISIT } from './clinic-fixtures';
import { OPERATOR, type SaleLine } from './sandbox-fixtures';
import type { ControlDouble } from './control-double';

export const lines = (basket: readonly SaleLine[]) =>
  basket.map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));
let basketSerial = 0;
export const newBasket = () => `R${Date.now().toString(36)}${(basketSerial++).toString().padStart(3, '0')}`.slice(0, 24);

export interface Counter {
  app: CounterApp;
  services: CounterServices;
  configPath: string;
  /** The card reader and 安全控件 of a counter whose profile needs one (四川): persons are read through it. */
  control: ControlDouble | null;
}

export async function openCounter(
  h: Harness,
  name: string,
  config: Parameters<Harness['openApp']>[0] = {},
  control: ControlDouble | null = null,
): Promise<Counter> {
  const app = await h.openApp(control ? { devices: control.devices, ...config } : config, name);
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services, configPath: join(h.dir, name, 'config.json'), control };
}

/** 读卡 of `person`: through the counter's 安全控件 when it has one, else by the typed ID number. */
export function readPerson(c: Counter, person: PersonRow) {
  if (c.control) return c.control.readVisit(c.services, person);
  return c.services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
}

export async function sell(c: Counter, person: PersonRow, basket: readonly SaleLine[]): Promise<SaleResult> {
  const ctx = await readPerson(c, person);
  const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
  await c.services.pharmacy.preSettle(req);
  return c.services.pharmacy.settle(req);
}

/** 挂号 → 就诊信息 → 明细 → 预结算 → 结算 of one outpatient bill at a clinic counter `c`. */
export async function settleClinicBill(
  c: Counter,
  person: PersonRow,
  basket: readonly SaleLine[],
): Promise<{ mdtrtId: string; chrgBchno: string; result: SaleResult }> {
  const { clinic } = c.services;
  const ctx = await readPerson(c, person);
  const { mdtrtId } = await clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
  await clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
  const { chrgBchno } = await clinic.uploadBill({ mdtrtId, lines: lines(basket) });
  await clinic.preSettle({ mdtrtId, chrgBchno, acctUsed: true });
  const { result } = await clinic.settle({ mdtrtId, chrgBchno, acctUsed: true });
  return { mdtrtId, chrgBchno, result };
}
