/**
 * 明细审核 of the day's visit: 3101 on a bill with the same item twice (the center warns), 3103
 * answering 返回修改, 3102 on the bills already uploaded.
 */
import { YibaoError } from '../../core/errors';
import { DetailAudit } from '../../audit/detail-audit';
import type { AcceptanceStep } from '../types';
import { need } from './state';

export const auditStep: AcceptanceStep = {
  title: '明细审核事前、事中分析与反馈',
  codes: ['3101', '3102', '3103'],
  async run({ app, subjects, state }) {
    const mdtrtId = need<string>(state, 'mdtrtId', '就诊ID (2201)');
    const item = subjects.items[0];
    if (!item) throw new YibaoError('E_ACCEPTANCE_ITEMS', '没有可用的项目');
    const line = { code: item.code, name: item.name, cntText: '1', pricText: item.pricText };
    const audit = new DetailAudit(app);
    const pre = await audit.checkDraft(mdtrtId, [line, line]);
    const hit = pre.hits[0];
    if (!hit) throw new YibaoError('E_ACCEPTANCE_AUDIT', '事前审核 (3101) 对重复的项目没有提示, 无法验证反馈 (3103)');
    await audit.feedback('pre', [{ jrId: hit.jr_id, action: 'modify' }]);
    const during = await audit.run(mdtrtId, 'during');
    return `事前 ${pre.hits.length} 条提示 (${hit.rule_name}, 已反馈返回修改); 事中 ${during.hits.length} 条`;
  },
};
