/**
 * What a change in 设置 did to the sign-in, said each way: the operator's 签到 belongs to one
 * institution and center, so switching away leaves nobody signed in there, and switching back
 * finds the earlier sign-in again (kept in the counter's database) instead of silently using it.
 */
import type { CounterApp } from '../app/counter-app';

export interface CounterSide {
  readonly code: string;
  readonly name: string;
  readonly centerUrl: string;
  /** The operator signed in here, or null. */
  readonly session: { readonly opter: string; readonly opterName: string; readonly signTime: string } | null;
}

export interface SwitchNote {
  readonly from: CounterSide;
  readonly to: CounterSide;
  /** One or two sentences for the 设置 screen. */
  readonly text: string;
}

export function counterSide(app: CounterApp): CounterSide {
  const i = app.loaded.config.institution;
  const s = app.sessions.current();
  return {
    code: i.fixmedinsCode,
    name: i.fixmedinsName,
    centerUrl: app.centerUrl,
    session: s ? { opter: s.opter, opterName: s.opterName, signTime: s.signTime } : null,
  };
}

const label = (side: CounterSide) => `${side.name} (${side.code})`;
const who = (s: NonNullable<CounterSide['session']>) => `操作员 ${s.opter} ${s.opterName}`;

export function switchNote(from: CounterSide, to: CounterSide): SwitchNote {
  const moved = from.code !== to.code || from.centerUrl !== to.centerUrl;
  const where = from.code !== to.code ? `已切换到 ${label(to)}` : from.centerUrl !== to.centerUrl ? '已切换医保中心' : '';
  let text: string;
  if (!moved) {
    text = to.session
      ? `机构和中心未变, ${who(to.session)} 仍在签到状态。`
      : '机构和中心未变; 当前没有已签到的操作员, 请按 F4 签到。';
  } else if (to.session) {
    text =
      `${where}: 沿用了 ${who(to.session)} 之前在这里的签到 (签到时间 ${to.session.signTime}), 无需重新签到; ` +
      '如需换人, 请先按 F4 签退。';
  } else {
    text =
      `${where}: 这里没有已签到的操作员, 请按 F4 重新签到 (9001)。` +
      (from.session ? ` ${who(from.session)} 在 ${label(from)} 的签到仍保留, 切换回去时可继续使用。` : '');
  }
  return { from, to, text };
}
