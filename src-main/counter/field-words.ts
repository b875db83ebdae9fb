/**
 * Centers write protocol field names into their messages ("姓名 psn_name 与…不符", "psn_no 不能为空").
 * The cashier reads Chinese (issue 17): on screen a field name becomes its Chinese name, or goes
 * when the message names the field in Chinese already. The journal keeps the center's words as
 * they came (the auditor's record); only what a screen shows passes through here.
 */

/** The fields a counter sends or reads back that centers name in their messages (protocol.md §2). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  psn_name: '姓名',
  psn_no: '人员编号',
  certno: '证件号码',
  psn_cert_type: '证件类型',
  mdtrt_cert_type: '就诊凭证类型',
  mdtrt_cert_no: '就诊凭证编号',
  card_sn: '卡识别码',
  insutype: '险种',
  med_type: '医疗类别',
  mdtrt_id: '就诊ID',
  setl_id: '结算ID',
  feedetl_sn: '明细流水号',
  fixmedins_code: '机构编码',
  fixmedins_name: '机构名称',
  med_list_codg: '医保目录编码',
  medins_list_codg: '机构目录编码',
  pric: '单价',
  cnt: '数量',
  medfee_sumamt: '医疗费总额',
  det_item_fee_sumamt: '明细项目费用总额',
  dept_code: '科室编码',
  dept_name: '科室名称',
  caty: '科别',
  atddr_no: '医生编码',
  dr_name: '医生姓名',
  dise_codg: '诊断编码',
  diag_code: '诊断编码',
  diag_name: '诊断名称',
  opter: '操作员编号',
  opter_name: '操作员姓名',
  sign_no: '签到编号',
  msgid: '报文ID',
  infno: '交易编号',
  page_size: '每页条数',
  auth_rxno: '处方授权编号',
  hi_rxno: '医保处方编号',
  rx_chk_opnn: '处方审核意见',
  refd_setl_flag: '退费结算标志',
  psn_setlway: '结算方式',
};

/** A snake_case protocol field name with the spaces around it. */
const FIELD_NAME = /\s*\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+|certno|insutype|caty|pric|cnt|msgid|infno|opter)\b\s*/g;

/** The message with each known field name in Chinese (left out where the Chinese name stands right before it). */
export function fieldNamesInChinese(text: string): string {
  return text.replace(FIELD_NAME, (match: string, name: string, offset: number, whole: string) => {
    const word = FIELD_WORDS[name];
    if (!word) return match;
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + match.length);
    // Chinese needs no spaces; a space stays only next to a number or code.
    const said = before.trimEnd().endsWith(word) ? '' : word;
    const left = /[0-9A-Za-z]$/.test(before) && said ? ' ' : '';
    const right = /^[0-9A-Za-z]/.test(after) ? ' ' : '';
    return `${left}${said}${right}`;
  });
}
