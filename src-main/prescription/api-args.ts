/**
 * Argument schemas and result types of the 电子处方 API methods. Pure (zod and types only): the
 * API contract spreads them in and the renderer imports them through it.
 */
import { z } from 'zod';
import type { PharmacistView, RxBasketView, RxView } from './views';

const hiRxno = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,30}$/, { message: '医保处方编号无效' });
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `请填写${what}` })
    .max(max, { message: `${what}不能超过 ${max} 个字` });

export const rxApiArgs = {
  'rx.list': z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
  'rx.get': z.strictObject({ hiRxno }),
  'rx.authorize': z.strictObject({ personKey: z.string().min(8).max(40), hiRxno: hiRxno.optional() }),
  'rx.download': z.strictObject({ hiRxno }),
  'rx.verify': z.strictObject({ hiRxno }),
  'rx.pharmacists': z.strictObject({}),
  'rx.audit': z.strictObject({
    hiRxno,
    pharmacist: text(30, '审方药师'),
    pass: z.boolean(),
    opinion: z.string().trim().max(2000).optional(),
  }),
  'rx.basket': z.strictObject({ hiRxno }),
  'rx.uploadSale': z.strictObject({ hiRxno }),
  'rx.refund': z.strictObject({ hiRxno, reason: text(200, '退费原因') }),
  'rx.deliver': z.strictObject({
    hiRxno,
    delvNo: text(30, '配送业务编号'),
    company: text(50, '配送企业'),
    courier: text(20, '配送员'),
    tel: z
      .string()
      .trim()
      .regex(/^[0-9-]{7,20}$/, { message: '配送员电话无效' }),
    address: text(200, '配送地址'),
    status: z.enum(['1', '2', '3'], { message: '配送状态应为 待配送 / 配送中 / 已送达' }),
  }),
  'rx.sign': z.strictObject({ hiRxno, signer: text(50, '签收人') }),
} as const;

export interface RxApiResults {
  'rx.list': readonly RxView[];
  'rx.get': RxView;
  'rx.authorize': readonly RxView[];
  'rx.download': RxView;
  'rx.verify': RxView;
  'rx.pharmacists': readonly PharmacistView[];
  'rx.audit': RxView;
  'rx.basket': RxBasketView;
  'rx.uploadSale': RxView;
  'rx.refund': RxView;
  'rx.deliver': RxView;
  'rx.sign': RxView;
}
