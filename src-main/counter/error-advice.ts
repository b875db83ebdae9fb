/**
 * What the cashier should do next, for every error the counter can show: the message says what
 * went wrong (from the center, a device or validation), the advice says what to do about it.
 */
import { isCenterCallError } from '../protocol/call-errors';
import { isYibaoError } from '../core/errors';

const BY_CODE: Readonly<Record<string, string>> = {
  E_NOT_SIGNED_IN: '按 F4 到「签到」页签到后再办理。',
  E_PENDING_REVERSAL: '按 F3 打开交易流水查看冲正进度; 冲正完成后再重新结算。',
  E_NEEDS_MANUAL: '按 F3 打开交易流水查看该笔, 与医保中心核实后再处理。',
  E_PERSON_EXPIRED: '按 F1 重新读卡。',
  E_SAFE_MEDIUM_REQUIRED:
    '按 F1 回到「读卡」页, 按 F5 用读卡器通过安全控件读取参保人的医保电子凭证或社保卡, 再重新办理; 本机未配置安全控件时请联系维护人员。',
  E_DEVICE_SAFE_MEDIUM_MISMATCH: '按 F1 回到「读卡」页, 按 F5 读卡器读卡 (安全控件为本次就医重新取得校验介质), 再重新办理。',
  E_PERSON_NOT_INSURED: '请参保人到医保经办机构核实参保状态; 本次可按自费收费。',
  E_PRESETTLE_REQUIRED: '按 F5 预结算, 与患者确认金额后再按 F6 结算。',
  E_PRESETTLE_STALE: '按 F5 重新预结算, 与患者确认金额后再按 F6 结算。',
  E_LINE_INVALID: '修改标出的明细行后重试。',
  E_SEARCH_BARCODE: '改用名称、拼音首字母或医保编码查找。',
  E_SEARCH_NO_DIAGNOSES: '直接填写诊断编码和名称即可上传。',
  E_VISIT_INFO_REQUIRED: '先在「就诊信息」一步录入诊断并上传。',
  E_REGISTRATION_IN_USE: '先对列出的单据退费并撤销明细, 再撤销挂号。',
  E_SETTINGS_BUSY: '等当前结算完成后再保存设置。',
  E_HOST_UNREACHABLE: '确认收银台程序仍在运行, 然后刷新页面。',
};

/** Advice for an error, or null when the message already says everything. */
export function adviceFor(error: unknown): string | null {
  if (isCenterCallError(error)) {
    if (error.kind === 'not-sent') return '请求没有发出, 中心没有处理: 检查网络连接和中心地址 (设置) 后重试。';
    if (error.kind === 'rejected') return '中心拒绝了该交易, 没有产生费用: 按提示修改后重试; 看不懂提示时请联系医保中心。';
    const state = error.detail['journalState'];
    if (state === 'reversed') return '中心可能已处理, 系统已自动冲正 (2601) 并得到确认, 本笔没有扣费: 可以重新结算。';
    if (state === 'reversing') return '系统正在自动冲正, 完成前不能办理新的结算: 按 F3 在交易流水查看进度。';
    if (state === 'no-effect') return '中心确认该笔没有生效, 没有产生费用: 可以重新办理。';
    return '结果未知且不能自动冲正: 按 F3 在交易流水中核实该笔, 必要时联系医保中心, 不要重复收费。';
  }
  if (isYibaoError(error)) {
    if (BY_CODE[error.code]) return BY_CODE[error.code] ?? null;
    if (error.code.startsWith('E_DEVICE_')) {
      return '检查输入或读卡器后重试; 读卡器不可用时可手工输入身份证号 (要求安全控件的地区, 如四川, 手工输入的只能查询, 不能结算)。';
    }
    if (error.code === 'E_API_ARGS') return '检查输入内容后重试。';
    if (error.code.startsWith('E_CONFIG')) return '修正设置后重新保存。';
  }
  return null;
}
