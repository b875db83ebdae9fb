/**
 * The 1901 dictionaries the sandbox serves: the counter's dictionaries of protocol.md §3
 * (national baseline values), plus the sandbox's own psn_idet_type codes and the
 * insured-status codes 1101 returns. Written as "value label" lists for readability.
 */
import type { DictionaryEntry } from '../store/dictionary';
import { IDENTITY_TYPES } from './categories';

const FLAG = '0 否; 1 是';

const DICTIONARIES: Readonly<Record<string, string>> = {
  mdtrt_cert_type: '01 医保电子凭证; 02 居民身份证; 03 社会保障卡',
  med_type:
    '11 普通门诊; 12 门诊挂号; 13 急诊; 14 门诊慢特病; 18 特药购药; 21 普通住院; 22 外伤住院; 23 转外诊治住院; ' +
    '24 急诊转住院; 26 单病种住院; 28 日间手术病房; 2111 放化疗住院; 210303 精神病住院; 41 定点药店购药; 51 生育门诊; ' +
    '52 生育住院; 93 其他购药; 990101 单病种门诊; 9901 门诊两病; 99 地方扩展',
  insutype:
    '310 职工基本医疗保险; 320 公务员医疗补助; 330 大额医疗费用补助; 340 离休人员医疗保障; 350 一至六级残废军人医疗补助; ' +
    '360 老红军医疗保障; 370 企业补充医疗保险; 380 新型农村合作医疗; 390 城乡居民基本医疗保险; 391 城镇居民基本医疗保险; ' +
    '392 城乡居民大病医疗保险; 399 其他特殊人员医疗保障; 410 长期照护保险; 510 生育保险',
  psn_setlway: '01 按项目结算; 02 按定额结算',
  acct_used_flag: '0 不使用; 1 使用',
  clr_type: '11 门诊; 21 住院; 41 药店购药; 51 暂缓结算; 99 其他',
  clr_way: '1 按项目; 2 单病种; 3 按床日; 4 按人头; 40 DRG; 9 其他',
  fund_pay_type:
    '310100 职工基本医疗保险统筹基金; 310200 职工基本医疗保险个人账户基金; 320100 公务员医疗补助基金; ' +
    '330100 大额医疗费用补助基金; 340100 离休人员医疗保障基金; 350100 一至六级残疾军人医疗补助基金; ' +
    '370100 企业补充医疗保险基金; 390100 城乡居民基本医疗保险基金; 390200 城乡居民大病医疗保险基金; 510100 生育基金; ' +
    '610100 医疗救助基金; 999997 其他基金',
  chrgitm_lv: '01 甲类; 02 乙类; 03 丙类',
  med_chrgitm_type:
    '01 床位费; 02 诊察费; 03 检查费; 04 化验费; 05 治疗费; 06 手术费; 07 护理费; 08 卫生材料费; 09 西药费; ' +
    '10 中药饮片费; 11 中成药费; 12 一般诊疗费; 13 挂号费; 14 其他费',
  list_type: '101 西药中成药; 102 中药饮片; 103 自制剂; 104 民族药; 201 医疗服务项目; 301 医用耗材',
  psn_type:
    '11 在职; 21 退休; 31 离休; 32 老红军; 33 一至六级残废军人; 34 医疗照顾人员; 41 学龄前儿童; 42 中小学生; ' +
    '43 大学生; 50 成年居民(非从业); 60 老年居民; 91 其他人员',
  psn_cert_type:
    '01 居民身份证(户口簿); 02 军官证; 03 武警警官证; 04 香港特区护照/港澳居民来往内地通行证; ' +
    '05 澳门特区护照/港澳居民来往内地通行证; 06 台湾居民来往大陆通行证; 07 外国人永久居留证; 08 外国人护照; 09 残疾人证; ' +
    '10 军烈属证明; 11 外国人就业证; 12 外国专家证; 13 外国人常驻记者证; 14 台港澳人员就业证; 15 回国(来华)定居专家证; ' +
    '16 中国护照; 17 港澳台居民居住证; 90 社会保障卡; 99 其他身份证件',
  gend: '0 未知的性别; 1 男; 2 女; 9 未说明的性别',
  naty:
    '01 汉族; 02 蒙古族; 03 回族; 04 藏族; 05 维吾尔族; 06 苗族; 07 彝族; 08 壮族; 09 布依族; 10 朝鲜族; 11 满族; ' +
    '12 侗族; 13 瑶族; 14 白族; 15 土家族; 16 哈尼族; 17 哈萨克族; 18 傣族; 19 黎族; 20 傈僳族; 21 佤族; 22 畲族; ' +
    '23 高山族; 24 拉祜族; 25 水族; 26 东乡族; 27 纳西族; 28 景颇族; 29 柯尔克孜族; 30 土族; 31 达斡尔族; 32 仫佬族; ' +
    '33 羌族; 34 布朗族; 35 撒拉族; 36 毛南族; 37 仡佬族; 38 锡伯族; 39 阿昌族; 40 普米族; 41 塔吉克族; 42 怒族; ' +
    '43 乌孜别克族; 44 俄罗斯族; 45 鄂温克族; 46 德昂族; 47 保安族; 48 裕固族; 49 京族; 50 塔塔尔族; 51 独龙族; ' +
    '52 鄂伦春族; 53 赫哲族; 54 门巴族; 55 珞巴族; 56 基诺族',
  cvlserv_flag: FLAG,
  rx_circ_flag: FLAG,
  lmt_used_flag: FLAG,
  bas_medn_flag: FLAG,
  hi_nego_drug_flag: FLAG,
  drt_reim_flag: FLAG,
  dscg_tkdrug_flag: FLAG,
  matn_fee_flag: FLAG,
  refd_setl_flag: FLAG,
  mid_setl_flag: FLAG,
  hosp_appr_flag: '0 无须审批; 1 审批通过; 2 审批不通过',
  tcmdrug_used_way: '1 复方; 2 单方',
  list_sp_item_flag: '0 否; 1 是; 9 其他',
  diag_type: '1 西医诊断; 2 中医主病诊断; 3 中医主证诊断',
  dscg_way: '1 医嘱离院; 2 医嘱转院; 3 医嘱转社区卫生服务机构/乡镇卫生院; 4 非医嘱离院; 5 死亡; 9 其他',
  stmt_rslt: '0 平; 1 中心多; 2 医药机构多; 3 数据不一致',
  vali_flag: '0 无效; 1 有效',
  opter_type: '1 经办人; 2 自助终端; 3 移动终端',
  fixmedins_type: '1 定点医疗机构; 2 定点零售药店; 3 工伤康复服务机构; 4 辅助器具配置机构; 5 计划生育服务机构',
  used_frqu:
    '11 每日一次(qd); 12 每日两次(bid); 13 每日三次(tid); 14 每日四次(qid); 21 每周一次(qw); 22 每周两次(biw); ' +
    '23 每周三次(tiw); 31 每小时一次(qh); 32 每2小时一次(q2h); 33 每4小时一次(q4h); 34 每5小时一次(q5h); ' +
    '35 每6小时一次(q6h); 36 每8小时一次(q8h); 37 每12小时一次(q12h); 41 每晚一次(qn); 42 隔日一次(qod); ' +
    '43 每5天一次(q5d); 44 每10天一次(q10d); 51 持续12小时; 52 持续24小时; 61 立即(st); 62 必要时(prn)',
  psn_insu_stas: '1 正常参保; 2 暂停参保; 4 终止参保',
  psn_idet_type: Object.values(IDENTITY_TYPES)
    .map((t) => `${t.code} ${t.label}`)
    .join('; '),
};

export const DICTIONARY_TYPES = Object.keys(DICTIONARIES);

export function dictionaryEntries(): DictionaryEntry[] {
  const out: DictionaryEntry[] = [];
  for (const [type, text] of Object.entries(DICTIONARIES)) {
    text.split(';').forEach((pair, i) => {
      const trimmed = pair.trim();
      const space = trimmed.indexOf(' ');
      out.push({
        type,
        value: trimmed.slice(0, space),
        label: trimmed.slice(space + 1),
        parentValue: null,
        sort: i + 1,
        valiFlag: '1',
      });
    });
  }
  return out;
}
