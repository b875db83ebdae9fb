/**
 * 进销存 and 目录对照 as a shop does them: map an own item code to the 医保 code (3301), import a
 * day's purchases, returns, sales, a stock count, a stock change and a deletion from CSV files
 * through the counter's import and upload queue — once with the single transactions (3501–3507)
 * and once with the batch ones (3501A–3507A) — query the center's ledger (3508–3511), and revoke
 * the mapping (3302).
 */
import { YibaoError } from '../../core/errors';
import { formatDate } from '../../core/time';
import { InventoryDesk } from '../../inventory/inventory-desk';
import type { InventoryKind } from '../../inventory/kinds';
import { LEDGER_QUERIES, type LedgerQueryKind } from '../../inventory/views';
import { mappingDeskOf } from '../../mapping/mapping-desk';
import type { AcceptanceStep, StepEnv } from '../types';
import { need } from './state';

type Row = Readonly<Record<string, string>>;

/** A CSV file of the documented layout (headers in Chinese, see inventory/layouts.ts). */
function csvOf(rows: readonly Row[]): Uint8Array {
  const headers = Object.keys(rows[0] ?? {});
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h] ?? '')).join(','))];
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/** One item's day at the shop, in one batch: what each file says. */
function dayOf(item: { code: string; name: string }, localCode: string, batch: string): Record<InventoryKind, Row> {
  const day = formatDate(new Date());
  const at = (hhmm: string) => `${day} ${hhmm}:00`;
  const itemCols = { 医保目录编码: item.code, 本机构编码: localCode, 本机构名称: item.name, 批次号: batch };
  const made = { 生产批号: `L${batch}`, 生产日期: '2026-01-01', 有效期至: '2028-12-31' };
  return {
    inventory: { ...itemCols, 盘存日期: day, 库存数量: '10', ...made },
    purchase: {
      ...itemCols,
      供应商: '验收医药公司',
      生产企业: '验收制药',
      批准文号: '国药准字H42000001',
      ...made,
      单价: '2.50',
      数量: '100',
      入库时间: at('08:30'),
      经办人: '验收库管',
    },
    'stock-change': { ...itemCols, 变更类型: '盘盈', 单价: '2.50', 数量: '1', 变更时间: at('09:00'), 经办人: '验收库管' },
    sale: {
      ...itemCols,
      零售单据号: `R${batch}`,
      销售时间: at('10:00'),
      数量: '2',
      单价: '2.50',
      ...made,
      经办人: '验收店员',
      医保结算类型: '1',
    },
    'sale-return': {
      ...itemCols,
      退货时间: at('11:00'),
      数量: '1',
      单价: '2.50',
      ...made,
      经办人: '验收店员',
      就医流水号: `R${batch}`,
    },
    'purchase-return': {
      ...itemCols,
      供应商: '验收医药公司',
      生产日期: made.生产日期,
      有效期至: made.有效期至,
      单价: '2.50',
      数量: '5',
      退货时间: at('16:00'),
      经办人: '验收库管',
    },
    // The day's count is withdrawn (3507): the other records stay for the ledger queries.
    delete: { 批次号: batch, 数据类型: '盘存' },
  };
}

async function uploadDay(env: StepEnv, desk: InventoryDesk, variant: 'single' | 'batch', batch: string): Promise<string> {
  const item = env.subjects.items[0];
  if (!item) throw new YibaoError('E_ACCEPTANCE_ITEMS', '没有可用的测试药品');
  const localCode = need<string>(env.state, 'localCode', '目录对照 (3301)');
  for (const [kind, row] of Object.entries(dayOf(item, localCode, batch)) as [InventoryKind, Row][]) {
    const imported = await desk.importFile(kind, `acceptance-${kind}.csv`, csvOf([row]));
    if (imported.errors.length > 0) {
      throw new YibaoError(
        'E_ACCEPTANCE_INVENTORY',
        `${kind} 文件第 ${imported.errors[0]?.rowNo} 行: ${imported.errors[0]?.message}`,
      );
    }
  }
  const report = await desk.upload({ operator: env.operator, force: true, variant });
  const failed = report.items.filter((i) => i.state !== 'done');
  if (failed.length > 0) {
    throw new YibaoError(
      'E_ACCEPTANCE_INVENTORY',
      failed.map((i) => `${i.kind} 第 ${i.rowNo} 行 ${i.state}: ${i.message ?? ''}`).join('; '),
    );
  }
  return `${variant === 'single' ? '逐条' : '批量'} ${report.calls} 次调用, ${report.done} 条`;
}

export const mappingUploadStep: AcceptanceStep = {
  title: '目录对照上传',
  codes: ['3301'],
  async run(env) {
    const item = env.subjects.items[0];
    if (!item) throw new YibaoError('E_ACCEPTANCE_ITEMS', '没有可用的测试药品');
    const localCode = `YS${Date.now().toString(36).toUpperCase()}`;
    const record = await mappingDeskOf(env.app).upload({
      localCode,
      localName: `验收 ${item.name}`,
      nationalCode: item.code,
      listType: '101',
      operator: env.operator,
    });
    env.state.set('localCode', localCode);
    return `本机构编码 ${record.localCode} → ${record.nationalCode}`;
  },
};

export const inventoryStep: AcceptanceStep = {
  title: '进销存上传 (逐条与批量)',
  codes: ['3501', '3502', '3503', '3504', '3505', '3506', '3507', '3501A', '3502A', '3503A', '3504A', '3505A', '3506A', '3507A'],
  async run(env) {
    const desk = new InventoryDesk(env.app);
    const run = Date.now().toString(36).toUpperCase();
    const single = await uploadDay(env, desk, 'single', `YS${run}S`);
    const batch = await uploadDay(env, desk, 'batch', `YS${run}B`);
    env.state.set('inventoryBatch', `YS${run}B`);
    return `${single}; ${batch}`;
  },
};

export const ledgerQueryStep: AcceptanceStep = {
  title: '进销存台账查询',
  codes: ['3508', '3509', '3510', '3511'],
  async run(env) {
    const desk = new InventoryDesk(env.app);
    const batch = need<string>(env.state, 'inventoryBatch', '进销存上传');
    const counts: string[] = [];
    for (const kind of Object.keys(LEDGER_QUERIES) as LedgerQueryKind[]) {
      const page = await desk.query({ kind, batch, operator: env.operator });
      if (page.rows.length === 0) throw new YibaoError('E_ACCEPTANCE_INVENTORY', `${page.infno} 没有查到批次 ${batch} 的记录`);
      counts.push(`${page.infno} ${page.rows.length} 条`);
    }
    return counts.join(', ');
  },
};

export const mappingRevokeStep: AcceptanceStep = {
  title: '目录对照撤销',
  codes: ['3302'],
  async run(env) {
    const localCode = need<string>(env.state, 'localCode', '目录对照 (3301)');
    const record = await mappingDeskOf(env.app).revoke(localCode, env.operator);
    return `本机构编码 ${record.localCode} 已撤销`;
  },
};
