/**
 * `yibao shop status [--json]`: the shop store link of this counter (issue 20): the counter's name
 * and terminalSlot, events waiting to be pushed, the last push and its error, and the counters the
 * shop store knows. Opening the counter pushes what waits, so the figures are those after one attempt.
 * Exit code 0 when nothing waits, 5 when events wait (the LAN or the store is down), 1 without a shop store.
 */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { EXIT, printJson, printTable } from '../output';
import { withApp } from './call';

/** Exit code of `yibao shop status` while events wait for the shop store. */
export const EXIT_SHOP_PENDING = 5;

export function registerShop(program: Command): void {
  const shop = program.command('shop').description('门店库 (多台收银台共用的 PostgreSQL): 本机登记与推送状态');
  shop
    .command('status')
    .description('本机在门店库的终端序号, 待推送/已推送的记录, 最近一次推送; 门店的收银台列表')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      await withApp(program, { recover: false }, async (app) => {
        if (!app.shop) {
          throw new YibaoError('E_SHOP_NOT_CONFIGURED', '本机没有配置门店库 (shop.postgresUrl), 单机使用, 无需推送');
        }
        await app.shop.pusher.pushAll();
        const status = app.shop.status();
        const counters = await app.shop.store.counters().catch(() => null);
        if (opts.json) printJson({ status, counters });
        else {
          const line = status.online ? '已连接' : '未连接';
          process.stdout.write(
            `门店库 ${status.url}: ${line}\n本机: ${status.counterName} (终端序号 ${status.slot})\n` +
              `待推送 ${status.pending} 条${status.oldestPendingAt ? ` (最早 ${status.oldestPendingAt})` : ''}, 已推送 ${status.pushed} 条` +
              `${status.lastPushAt ? `, 最近推送 ${status.lastPushAt}` : ''}\n` +
              (status.lastError ? `最近错误: ${status.lastError}\n` : ''),
          );
          if (counters) {
            process.stdout.write('\n门店的收银台:\n');
            printTable(
              counters.map((c) => ({
                终端序号: c.slot,
                名称: c.name,
                本机: c.counterId === app.shop?.counter.counterId ? '是' : '',
              })),
              ['终端序号', '名称', '本机'],
            );
          }
        }
        process.exitCode = status.pending === 0 ? EXIT.ok : EXIT_SHOP_PENDING;
      });
    });
}
