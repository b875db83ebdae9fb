/**
 * 3301 目录对照上传 / 3302 目录对照撤销. A mapping names a 医保目录 code of the sandbox
 * catalogue under its own 目录类别; an own code has at most one valid mapping (change it by
 * revoking first). Uploading the same mapping again is refused as "已存在" and changes nothing;
 * revoking keeps the row with vali_flag 0, so 1317 reports the revocation too.
 */
import type { SandboxInput } from '../../spec/input-rules';
import type { HandlerContext, HandlerTable } from '../context';
import { reject } from '../reject';
import { ledgerRepos } from '../inventory-ledger';

function upload(ctx: HandlerContext<SandboxInput<'3301'>>) {
  const d = ctx.input.data;
  const own = ctx.envelope.fixmedins_code;
  const item = ctx.store.catalogue.current(d.med_list_codg);
  if (!item) reject(`医疗目录编码 ${d.med_list_codg} 不在医保目录中`);
  if (item.listType !== null && item.listType !== d.list_type) {
    reject(`医疗目录编码 ${d.med_list_codg} 的目录类别是 ${item.listType}, 不是 ${d.list_type}`);
  }
  if (d.enddate && d.enddate < d.begndate) reject(`结束日期 ${d.enddate} 早于开始日期 ${d.begndate}`);
  const { matches } = ledgerRepos(ctx);
  const existing = matches.valid(own, d.fixmedins_hilist_id);
  if (existing) {
    if (existing.medListCodg === d.med_list_codg) {
      reject(`目录对照已存在: ${d.fixmedins_hilist_id} → ${d.med_list_codg}, 无需重复上传`);
    }
    reject(`定点医药机构目录编号 ${d.fixmedins_hilist_id} 已对照到 ${existing.medListCodg}; 请先撤销 (3302) 再上传新的对照`);
  }
  matches.insert({
    fixmedinsCode: own,
    fixmedinsHilistId: d.fixmedins_hilist_id,
    fixmedinsHilistName: d.fixmedins_hilist_name,
    listType: d.list_type,
    medListCodg: d.med_list_codg,
    begndate: d.begndate,
    enddate: d.enddate || null,
    rowJson: JSON.stringify(d),
    createdAt: ctx.nowText,
  });
  return { output: {} };
}

function revoke(ctx: HandlerContext<SandboxInput<'3302'>>) {
  const d = ctx.input.data;
  const own = ctx.envelope.fixmedins_code;
  if (d.fixmedins_code !== own) reject(`只能撤销本机构 (${own}) 的目录对照`);
  const { matches } = ledgerRepos(ctx);
  const existing = matches.valid(own, d.fixmedins_hilist_id);
  if (!existing || existing.medListCodg !== d.med_list_codg || existing.listType !== d.list_type) {
    reject(`未找到目录对照 ${d.fixmedins_hilist_id} → ${d.med_list_codg} (目录类别 ${d.list_type}), 无需撤销`);
  }
  matches.revoke(existing.rid, ctx.nowText);
  return { output: {} };
}

export const mappingHandlers: HandlerTable = { '3301': upload, '3302': revoke };
