/**
 * Flow driver for the levels before the counter services existed (migrations 1 and 2): the
 * app's own callAs against that commit's sandbox: sign-in, 1101, a pharmacy sale that stays
 * settled, and a second sale refunded with 2103.
 * Usage (inside the commit's extracted tree): tsx scripts/db-fixtures/flow-calls.ts OUT.sqlite
 */
import { startHarness } from '../../tests/helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../../tests/helpers/sandbox-fixtures';
import { writeFixture, yuanToFen, type FlowSettlement } from './fixture-out';

const out = process.argv[2] as string;
const h = await startHarness();
const app = await h.openApp({}, 'counter');
const store = h.sandbox.center.store;
const person = personsOf(store, 'emp-active', 50_000)[0];
if (!person) throw new Error('no person in the sandbox seed');
type SetlInfo = { setlinfo: { setl_id: string; mdtrt_id: string; medfee_sumamt: number | string } };

await app.callAs(OPERATOR, '1101', personInfoInput(person));
const settlements: FlowSettlement[] = [];
for (const refund of [false, true]) {
  const input = pharmacySaleInput(store, person, typicalBasket(store));
  await app.callAs(OPERATOR, '2101', input);
  const sale = (await app.callAs(OPERATOR, '2102', input)).output as SetlInfo;
  const s = sale.setlinfo;
  if (refund) await app.callAs(OPERATOR, '2103', { data: { setl_id: s.setl_id, mdtrt_id: s.mdtrt_id, psn_no: person.psnNo } });
  settlements.push({
    infno: '2102',
    setlId: s.setl_id,
    medfeeFen: yuanToFen(s.medfee_sumamt),
    refundedBy: refund ? '2103' : null,
  });
}
const dataDir = app.loaded.dataDir;
await app.close();
writeFixture(dataDir, out, {
  flows: ['9001 sign-in (by callAs)', '1101 person', 'pharmacy sale 2101+2102 kept', 'pharmacy sale 2101+2102 refunded 2103'],
  settlements,
});
await h.close();
