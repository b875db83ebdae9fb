/**
 * The day at a glance: net medical fees per hour as bars (refunds pull a bar below the line),
 * the number of settlements over each bar and of refunds in red under the line, hours as HH:00.
 * Plain SVG, no chart library.
 */
import type { HourPoint } from '../../../src-main/api/contract';
import { hourCountLabels, hourLabel, yuan } from '../format';

const W = 760;
const H = 220;
const PAD = { left: 64, right: 12, top: 24, bottom: 44 };
const GREY = '#595959';

export function DayChart({ hourly }: { hourly: readonly HourPoint[] }) {
  const maxUp = Math.max(0, ...hourly.map((p) => p.medfeeFen));
  const maxDown = Math.max(0, ...hourly.map((p) => -p.medfeeFen));
  const span = maxUp + maxDown || 1;
  const plotH = H - PAD.top - PAD.bottom;
  const zeroY = PAD.top + (maxUp / span) * plotH;
  const slot = (W - PAD.left - PAD.right) / 24;
  const barW = Math.max(4, slot * 0.7);
  const empty = hourly.every((p) => p.settleCount === 0 && p.refundCount === 0);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W, display: 'block' }}
      role="img"
      aria-label="当日分时医疗费"
      data-testid="day-chart"
    >
      <line x1={PAD.left} x2={W - PAD.right} y1={zeroY} y2={zeroY} stroke="#8c8c8c" />
      <text x={PAD.left} y={12} fontSize={11} fill={GREY}>
        每小时医疗费净额 (元)
      </text>
      <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" fontSize={11} fill={GREY}>
        {yuan(maxUp)}
      </text>
      {maxDown > 0 && (
        <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" fontSize={11} fill={GREY}>
          -{yuan(maxDown)}
        </text>
      )}
      <text x={PAD.left - 6} y={zeroY + 4} textAnchor="end" fontSize={11} fill={GREY}>
        0
      </text>
      {hourly.map((p) => {
        const x = PAD.left + p.hour * slot + (slot - barW) / 2;
        const h = (Math.abs(p.medfeeFen) / span) * plotH;
        const y = p.medfeeFen >= 0 ? zeroY - h : zeroY;
        const labels = hourCountLabels(p);
        return (
          <g key={p.hour} data-testid={`chart-hour-${p.hour}`}>
            <title>{`${hourLabel(p.hour)}  结算 ${p.settleCount} 笔, 退费 ${p.refundCount} 笔, 医疗费净额 ${yuan(p.medfeeFen)} 元`}</title>
            {h > 0 && <rect x={x} y={y} width={barW} height={Math.max(1, h)} fill={p.medfeeFen >= 0 ? '#1677ff' : '#ff4d4f'} />}
            {labels.settled && (
              <text x={x + barW / 2} y={(p.medfeeFen >= 0 ? y : zeroY) - 4} textAnchor="middle" fontSize={10} fill="#262626">
                {labels.settled}
              </text>
            )}
            {labels.refunded && (
              <text x={x + barW / 2} y={(p.medfeeFen < 0 ? y + h : zeroY) + 12} textAnchor="middle" fontSize={10} fill="#cf1322">
                {labels.refunded}
              </text>
            )}
            {p.hour % 2 === 0 && (
              <text x={PAD.left + p.hour * slot + slot / 2} y={H - 8} textAnchor="middle" fontSize={10} fill="#8c8c8c">
                {hourLabel(p.hour)}
              </text>
            )}
          </g>
        );
      })}
      {empty && (
        <text x={W / 2} y={H / 2} textAnchor="middle" fontSize={13} fill="#8c8c8c">
          当日没有结算
        </text>
      )}
    </svg>
  );
}
