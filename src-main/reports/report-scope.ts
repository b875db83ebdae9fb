/**
 * Whose report (issue 20): this counter's own (its journal), or with a shop store the whole shop's
 * or one counter's (shop-report.ts). The CLI (`yibao report --shop / --counter`) and the screen
 * (对账与报表: 本机 / 全店 / a counter) ask here.
 */
import { YibaoError } from '../core/errors';
import type { CounterApp } from '../app/counter-app';
import { dailyReport, reportSourceOf } from './daily-report';
import { shopDailyReport } from './shop-report';
import type { DailyReport } from './views';

export interface ScopedReportRequest {
  readonly date: string;
  /** A shift: this operator only. */
  readonly opter?: string;
  /** Every counter of the shop. */
  readonly shop?: boolean;
  /** One counter of the shop, by name or terminalSlot. */
  readonly counter?: string;
}

export async function scopedReport(app: CounterApp, req: ScopedReportRequest): Promise<DailyReport> {
  if (!req.shop && req.counter === undefined) return dailyReport(reportSourceOf(app), { date: req.date, opter: req.opter });
  if (!app.shop)
    throw new YibaoError('E_SHOP_NOT_CONFIGURED', '本机没有配置门店库 (shop.postgresUrl), 不能看全店或其他收银台的报表');
  return shopDailyReport(app.shop, app.loaded.config.institution, { date: req.date, opter: req.opter, counter: req.counter });
}
