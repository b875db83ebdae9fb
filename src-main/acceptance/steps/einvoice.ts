/** 电子结算凭证 of the day's first settlement: upload (4901), check (4902), re-upload (4905), standing (5501). */
import { YibaoError } from '../../core/errors';
import { EinvoiceDesk } from '../../einvoice/einvoice-desk';
import type { AcceptanceStep } from '../types';
import { need } from './state';

export const einvoiceStep: AcceptanceStep = {
  title: '电子结算凭证上传、查询与重新上传',
  codes: ['4901', '4902', '4905', '5501'],
  async run({ type, services, app, state }) {
    const msgid = need<string>(state, type === 'pharmacy' ? 'saleMsgid' : 'clinicSettleMsgid', '一笔成功的结算');
    const found = services.history.settlement(msgid, type);
    if (!found) throw new YibaoError('E_ACCEPTANCE_PREREQUISITE', `找不到结算 ${msgid}`);
    const setlId = found.key.setlId;
    const desk = new EinvoiceDesk(app, services.history);
    // A test voucher numbered after the settlement, so a re-run names the same one.
    const voucher = { code: 'YS000001', number: setlId.slice(-10), checkCode: 'ys0001' };
    await desk.upload(setlId, voucher);
    const first = await desk.result(setlId);
    await desk.reupload(setlId, { ...voucher, checkCode: 'ys0002' });
    const second = await desk.result(setlId);
    const standing = await desk.status(setlId);
    return `结算ID ${setlId}: 首次上传 ${first.label}, 重新上传 ${second.label} (第 ${second.upld_cnt ?? '?'} 次), 凭证状态 ${standing.label}`;
  },
};
