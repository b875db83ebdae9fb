/**
 * 医保电子处方 at the pharmacy: 7201 → 7204 → 7205 → 7206 → sale (2101 / 2102) with 7207 →
 * refund (2103) with 7208 → sold again → 7209 → 7210, and the drug list query 7211.
 */
import { YibaoError } from '../../core/errors';
import { formatDateTime } from '../../core/time';
import { PrescriptionRepo } from '../../sandbox/store/prescriptions';
import type { AcceptanceStep, StepEnv } from '../types';
import { need } from './state';

/**
 * Whose prescription: on the embedded sandbox a person who still has an open one (so the test can
 * be run again), read at the counter; otherwise the day's person.
 */
async function rxPersonKey(env: StepEnv): Promise<string> {
  const store = env.app.sandbox?.center.store;
  if (!store) return need<string>(env.state, 'personKey', '参保人信息 (1101)');
  const repo = new PrescriptionRepo(store.db);
  const open = repo.all().find((rx) => {
    const p = store.persons.getByPsnNo(rx.psnNo);
    return rx.state === 'issued' && p?.category === 'emp-active' && store.persons.identities(rx.psnNo).length === 0;
  });
  if (!open) return need<string>(env.state, 'personKey', '参保人信息 (1101)');
  const person = store.persons.getByPsnNo(open.psnNo);
  if (!person) throw new YibaoError('E_ACCEPTANCE_PERSON', `沙箱中心没有人员 ${open.psnNo}`);
  return (await env.services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName })).key;
}

export const prescriptionStep: AcceptanceStep = {
  title: '电子处方授权、下载、核验、审方、购药出库、撤销、配送与签收',
  codes: ['7201', '7204', '7205', '7206', '7207', '7208', '7209', '7210', '7211'],
  async run(env) {
    const desk = env.services.prescriptions;
    const personKey = await rxPersonKey(env);
    const now = new Date();
    const authorized = await desk.authorize(personKey);
    if (authorized.length === 0) throw new YibaoError('E_ACCEPTANCE_RX', '测试参保人没有可用的电子处方: 请中心为其开具一张');
    let chosen: string | null = null;
    for (const v of authorized) {
      const downloaded = await desk.download(v.hiRxno);
      if (downloaded.rx && downloaded.rx.validEndTime > formatDateTime(now)) {
        chosen = v.hiRxno;
        break;
      }
    }
    const hiRxno = chosen ?? (authorized[0] as { hiRxno: string }).hiRxno;
    await desk.verify(hiRxno);
    const [pharmacist] = await desk.pharmacists();
    if (!pharmacist) throw new YibaoError('E_ACCEPTANCE_RX', '医执人员信息查询 (5102) 没有本药店的药师, 无法审方');
    await desk.auditBy(hiRxno, pharmacist.code, true, '验收自测: 处方合理');

    const sell = async () => {
      const { basketId, lines } = desk.basket(hiRxno);
      await env.services.pharmacy.preSettle({ basketId, personKey, acctUsed: false, lines });
      const outcome = await desk.settle(hiRxno, personKey, false);
      if (!outcome.selNo) throw new YibaoError('E_ACCEPTANCE_RX', `销售出库上传 (7207) 未成功: ${outcome.uploadError ?? ''}`);
      return outcome;
    };
    const first = await sell();
    await desk.refund(hiRxno, '验收自测: 退药');
    const second = await sell();
    const delivery = {
      delvNo: `PS${hiRxno.slice(-10)}`,
      company: '验收配送',
      courier: '配送员',
      tel: '02700000000',
      address: '验收地址',
    };
    await desk.deliver(hiRxno, { ...delivery, status: '2' });
    await desk.deliver(hiRxno, { ...delivery, status: '3' });
    await desk.sign(hiRxno, '参保人本人');
    await env.app.callAs(env.operator, '7211', { data: { page_num: 1, page_size: 10 } });
    return `处方 ${hiRxno}: 出库 ${first.selNo} 已撤销, 再出库 ${second.selNo} (结算ID ${second.sale.settlement.setlId}), 已签收`;
  },
};
