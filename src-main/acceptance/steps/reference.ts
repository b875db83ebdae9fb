/** 基础信息: the institution itself (1201), its practitioners (5102) and the policy items (100001). */
import { YibaoError } from '../../core/errors';
import { queryInstitutions, queryPolicies, queryPractitioners } from '../../info/center-info';
import type { AcceptanceStep } from '../types';

export const referenceStep: AcceptanceStep = {
  title: '医药机构、医执人员与政策项查询',
  codes: ['1201', '5102', '100001'],
  async run({ app, operator, type }) {
    const own = app.loaded.config.institution.fixmedinsCode;
    const institutions = await queryInstitutions(app, { type: type === 'pharmacy' ? '2' : '1', code: own }, operator);
    if (!institutions.some((i) => i.fixmedins_code === own)) {
      throw new YibaoError('E_ACCEPTANCE_INSTITUTION', `医药机构信息获取 (1201) 没有返回本机构 ${own}`);
    }
    const staff = await queryPractitioners(app, { type: type === 'pharmacy' ? '3' : '1' }, operator);
    const policies = await queryPolicies(app, {}, operator);
    return `本机构 ${institutions[0]?.fixmedins_name ?? own}; ${type === 'pharmacy' ? '药师' : '医师'} ${staff.length} 人; 政策项 ${policies.length} 条`;
  },
};
