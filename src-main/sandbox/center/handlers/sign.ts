/** 9001 签到 / 9002 签退: sign_no per operator, invalid after sign-out. */
import type { SandboxInput } from '../../spec/input-rules';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

function signIn(ctx: HandlerContext<SandboxInput<'9001'>>) {
  const { opter_no, mac, ip } = ctx.input.signIn;
  if (opter_no !== ctx.envelope.opter) reject(`签到操作员 ${opter_no} 与报文头经办人 ${ctx.envelope.opter} 不一致`);
  const row = ctx.store.signIns.signIn({
    signNo: ctx.ids.signNo(ctx.now),
    opter: opter_no,
    opterName: ctx.envelope.opter_name,
    fixmedinsCode: ctx.envelope.fixmedins_code,
    mac,
    ip,
    signedInAt: ctx.nowText,
  });
  return { output: { signinoutb: { sign_time: row.signedInAt, sign_no: row.signNo } } };
}

function signOut(ctx: HandlerContext<SandboxInput<'9002'>>) {
  const { sign_no, opter_no } = ctx.input.signOut;
  const row = ctx.store.signIns.get(sign_no);
  if (!row || row.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`签到编号 ${sign_no} 不存在`);
  if (row.opter !== opter_no) reject(`签到编号 ${sign_no} 不属于操作员 ${opter_no}`);
  if (row.state !== 'in') reject(`签到编号 ${sign_no} 已签退`);
  const out = ctx.store.signIns.signOut(sign_no, ctx.nowText);
  return { output: { signoutoutb: { sign_time: out.signedOutAt } } };
}

export const signHandlers: HandlerTable = { '9001': signIn, '9002': signOut };
