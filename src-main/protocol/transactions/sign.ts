/** 9001 签到 / 9002 签退 (protocol.md §2.1–2.2). */
import { z } from 'zod';
import { dateTime, must, outObject, req } from '../wire';

export const signInput = z.strictObject({
  signIn: z.strictObject({ opter_no: req(20), mac: req(20), ip: req(20) }),
});
/** The sign_no goes into every later envelope. */
export const signOutput = outObject({
  signinoutb: must(outObject({ sign_time: dateTime(), sign_no: must(req(30)) })),
});
export const signOutInput = z.strictObject({
  signOut: z.strictObject({ sign_no: req(30), opter_no: req(20) }),
});
export const signOutOutput = outObject({
  signoutoutb: outObject({ sign_time: dateTime() }),
});
