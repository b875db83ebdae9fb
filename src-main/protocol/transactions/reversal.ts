/** 2601 冲正交易 (protocol.md §2.13). */
import { z } from 'zod';
import { outObject, req } from '../wire';

export const reversalInput = z.strictObject({
  data: z.strictObject({
    psn_no: req(30),
    omsgid: z.string().length(30, { message: '原报文ID应为30位' }),
    oinfno: req(6),
  }),
});
export const reversalOutput = outObject({});
