/** Argument schemas and result types of the region's own transactions on the 四川扩展 screen (pure: zod and types only). */
import { z } from 'zod';
import type {
  ChronicRxUploadView,
  ChronicRxView,
  FiscalUploadView,
  FiscalVoucherView,
  NoPasswordApplyView,
  NoPasswordView,
  SettlementSheetView,
  TwoDiseaseView,
} from './views';

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `请输入${what}` })
    .max(max, { message: `${what}不超过 ${max} 位` });
const setlId = text(30, '结算ID');
const mdtrtId = text(30, '就诊ID');
/** The person read at 读卡 (F1): the screen holds only its handle, never the psn_no. */
const personKey = z.string().min(8, { message: '请先读卡 (F1)' }).max(40);
const date = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${what}格式应为 yyyy-MM-dd` });
const disease = { diseCode: text(30, '病种编码'), diseName: text(300, '病种名称') };

export const regionApiArgs = {
  /** S3601 结算单数据获取 */
  'region.sheet': z.strictObject({ setlId }),
  /** S3301 财政电子票据信息上传 */
  'region.fiscalUpload': z.strictObject({
    setlId,
    code: text(20, '票据代码'),
    number: text(20, '票据号码'),
    checkCode: text(20, '校验码'),
  }),
  /** S3302 财政电子票据信息查询 */
  'region.fiscalQuery': z.strictObject({ setlId }),
  /** S3701 门慢门特处方上传 */
  'region.chronicRxUpload': z.strictObject({ mdtrtId, ...disease, rxno: text(30, '处方号').optional() }),
  /** S5201 门慢门特处方查询 */
  'region.chronicRxList': z.strictObject({ mdtrtId, onlyThisVisit: z.boolean() }),
  /** Z1101 城乡两病备案 */
  'region.twoDiseaseFile': z.strictObject({ personKey, ...disease, begndate: date('开始日期').optional() }),
  /** Z1102 城乡两病备案撤销 */
  'region.twoDiseaseRevoke': z.strictObject({ personKey, serial: text(30, '备案流水号') }),
  /** S3901 无密码结算申请 */
  'region.noPasswordApply': z.strictObject({
    personKey,
    reason: text(200, '申请原因'),
    begndate: date('开始日期'),
    enddate: date('结束日期'),
  }),
  /** S5901 无密码结算申请查询 */
  'region.noPasswordList': z.strictObject({ personKey }),
} as const;

export interface RegionApiResults {
  'region.sheet': SettlementSheetView;
  'region.fiscalUpload': FiscalUploadView;
  'region.fiscalQuery': FiscalVoucherView;
  'region.chronicRxUpload': ChronicRxUploadView;
  'region.chronicRxList': readonly ChronicRxView[];
  'region.twoDiseaseFile': TwoDiseaseView;
  'region.twoDiseaseRevoke': TwoDiseaseView;
  'region.noPasswordApply': NoPasswordApplyView;
  'region.noPasswordList': readonly NoPasswordView[];
}
