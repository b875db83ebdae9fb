/**
 * Labels for the codes the counter shows, from the national baseline dictionaries (protocol.md §3,
 * the same values the sandbox serves through 1901). A code without a label is shown as the code.
 */
import type { Coded } from './views';

const DICT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  insutype: {
    '310': '职工基本医疗保险',
    '320': '公务员医疗补助',
    '330': '大额医疗费用补助',
    '340': '离休人员医疗保障',
    '350': '一至六级残废军人医疗补助',
    '360': '老红军医疗保障',
    '370': '企业补充医疗保险',
    '380': '新型农村合作医疗',
    '390': '城乡居民基本医疗保险',
    '391': '城镇居民基本医疗保险',
    '392': '城乡居民大病医疗保险',
    '399': '其他特殊人员医疗保障',
    '410': '长期照护保险',
    '510': '生育保险',
  },
  psn_type: {
    '11': '在职',
    '21': '退休',
    '31': '离休',
    '32': '老红军',
    '33': '一至六级残废军人',
    '34': '医疗照顾人员',
    '41': '学龄前儿童',
    '42': '中小学生',
    '43': '大学生',
    '50': '成年居民(非从业)',
    '60': '老年居民',
    '91': '其他人员',
  },
  psn_insu_stas: { '1': '正常参保', '2': '暂停参保', '4': '终止参保' },
  med_type: {
    '11': '普通门诊',
    '12': '门诊挂号',
    '13': '急诊',
    '14': '门诊慢特病',
    '21': '普通住院',
    '41': '定点药店购药',
    '51': '生育门诊',
  },
  mdtrt_cert_type: { '01': '医保电子凭证', '02': '居民身份证', '03': '社会保障卡' },
  fund_pay_type: {
    '310100': '职工基本医疗保险统筹基金',
    '310200': '职工基本医疗保险个人账户基金',
    '320100': '公务员医疗补助基金',
    '330100': '大额医疗费用补助基金',
    '340100': '离休人员医疗保障基金',
    '350100': '一至六级残疾军人医疗补助基金',
    '370100': '企业补充医疗保险基金',
    '390100': '城乡居民基本医疗保险基金',
    '390200': '城乡居民大病医疗保险基金',
    '510100': '生育基金',
    '610100': '医疗救助基金',
    '999997': '其他基金',
  },
  chrgitm_lv: { '01': '甲类', '02': '乙类', '03': '丙类' },
  med_chrgitm_type: {
    '01': '床位费',
    '02': '诊察费',
    '03': '检查费',
    '04': '化验费',
    '05': '治疗费',
    '06': '手术费',
    '07': '护理费',
    '08': '卫生材料费',
    '09': '西药费',
    '10': '中药饮片费',
    '11': '中成药费',
    '12': '一般诊疗费',
    '13': '挂号费',
    '14': '其他费',
  },
  gend: { '0': '未知', '1': '男', '2': '女', '9': '未说明' },
};

export type DictType = keyof typeof DICT;

export function labelOf(type: string, code: string | null | undefined): string {
  const value = code ?? '';
  return DICT[type]?.[value] ?? value;
}

export function coded(type: string, code: string | null | undefined): Coded {
  return { code: code ?? '', label: labelOf(type, code) };
}
