/**
 * A region's own transaction for a use (registry/profile.ts regionCodes): the code to send, or a
 * clear refusal when the counter's region has none (a 湖北 counter asked for a 四川 两病备案).
 */
import { YibaoError } from '../core/errors';
import { getProfile, type RegionCodeUse } from '../registry/profile';
import type { CounterApp } from '../app/counter-app';

export const REGION_CODE_LABELS: Readonly<Record<RegionCodeUse, string>> = {
  settlementSheet: '结算单数据获取',
  fiscalInvoiceUpload: '财政电子票据信息上传',
  fiscalInvoiceQuery: '财政电子票据信息查询',
  chronicRxUpload: '门慢门特处方上传',
  chronicRxQuery: '门慢门特处方查询',
  dialysisIndicators: '门慢血透指标上传',
  twoDiseaseFiling: '城乡两病备案',
  twoDiseaseRevoke: '城乡两病备案撤销',
  noPasswordApply: '无密码结算申请',
  noPasswordQuery: '无密码结算申请查询',
};

export function regionCode(app: Pick<CounterApp, 'loaded'>, use: RegionCodeUse): string {
  const profile = getProfile(app.loaded.config.profile);
  const code = profile.regionCodes[use];
  if (!code) {
    throw new YibaoError('E_REGION_CODE_UNUSED', `本机的地区配置「${profile.name}」没有「${REGION_CODE_LABELS[use]}」交易`, {
      profile: profile.id,
      use,
    });
  }
  return code;
}
