/** The acceptance report as a self-contained HTML page (for the 验收 file) and as JSON (for machines). */
import type { AcceptanceReport } from './types';

const TYPE_LABEL = { pharmacy: '定点药店', clinic: '定点诊所' } as const;

const esc = (text: unknown): string =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const ms = (value: number | null): string => (value === null ? '' : `${value} ms`);

export function reportJson(report: AcceptanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function reportHtml(report: AcceptanceReport): string {
  const verdict = report.ok ? '通过' : '未通过';
  const codeRows = report.codes
    .map(
      (c) =>
        `<tr class="${c.passed ? 'pass' : 'fail'}"><td>${esc(c.code)}</td><td>${esc(c.name)}</td><td>${c.passed ? '通过' : '未通过'}</td>` +
        `<td>${esc(c.via && c.via !== c.code ? c.via : '')}</td><td class="mono">${esc(c.msgid)}</td><td>${esc(c.step)}</td>` +
        `<td class="num">${esc(ms(c.elapsedMs))}</td><td>${esc(c.reason)}</td></tr>`,
    )
    .join('\n');
  const stepRows = report.steps
    .map((s, i) => {
      const calls = s.calls
        .map(
          (c) =>
            `<li><span class="mono">${esc(c.infno)} ${esc(c.msgid)}</span> ${esc(c.state)} ${esc(ms(c.elapsedMs))}${c.failure ? ` — ${esc(c.failure)}` : ''}</li>`,
        )
        .join('');
      return (
        `<tr class="${s.ok ? 'pass' : 'fail'}"><td>${i + 1}</td><td>${esc(s.title)}</td><td>${esc(s.codes.join(' '))}</td>` +
        `<td>${s.ok ? '成功' : '失败'}</td><td>${esc(s.detail)}</td><td class="num">${s.elapsedMs} ms</td><td><ul>${calls}</ul></td></tr>`
      );
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>接口验收自测报告 ${esc(report.institution.code)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;width:100%;margin:12px 0 28px;font-size:13px}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right;white-space:nowrap}.mono{font-family:monospace}
tr.fail td{background:#fff0f0}.verdict{font-size:20px;font-weight:bold;color:${report.ok ? '#18794e' : '#c0362c'}}
ul{margin:0;padding-left:16px}
</style></head><body>
<h1>接口验收自测报告 (${esc(TYPE_LABEL[report.type])})</h1>
<p class="verdict">${verdict}: ${report.passed} / ${report.total} 个必测接口通过</p>
<table><tbody>
<tr><th>机构</th><td>${esc(report.institution.code)} ${esc(report.institution.name)}</td></tr>
<tr><th>医保中心</th><td>${esc(report.centerUrl)}${report.sandbox ? ' (内置沙箱)' : ''}</td></tr>
<tr><th>地区版本</th><td>${esc(report.profile)}</td></tr>
<tr><th>测试人员与项目</th><td>${esc(report.subjects)}</td></tr>
<tr><th>开始时间</th><td>${esc(report.startedAt)}</td></tr>
<tr><th>总耗时</th><td>${report.elapsedMs} ms</td></tr>
</tbody></table>
<h2>必测接口</h2>
<table><thead><tr><th>交易编号</th><th>名称</th><th>结果</th><th>实际交易</th><th>报文ID</th><th>所在步骤</th><th>耗时</th><th>说明</th></tr></thead>
<tbody>
${codeRows}
</tbody></table>
<h2>场景步骤</h2>
<table><thead><tr><th>#</th><th>步骤</th><th>涉及接口</th><th>结果</th><th>说明</th><th>耗时</th><th>调用 (交易 报文ID 状态)</th></tr></thead>
<tbody>
${stepRows}
</tbody></table>
</body></html>
`;
}
