/**
 * Clearing by a region's own transactions (profile `clearing`, 湖北 seed 002): one application per
 * (insutype, clr_type, setl_optins) group of a balanced month — 本地 persons with `apply.local`
 * (3202a), 异地 with `apply.remote` (1608) — kept in clearing_application (migration 14) with the
 * center's application id, so the cashier can withdraw it (`cancel.*`: 3204a / 1618) or print the
 * application form (`print`: 3205a). Every call goes through the journaled `callAs`.
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import { yuanNumber } from '../core/money';
import type { ClearingCodes } from '../registry/profile';
import type { Operator } from '../protocol/center-client';
import { clearingApplyOutput, clearingCancelOutput, clearingPrintOutput } from '../protocol/transactions/clearing';
import { fenOf } from '../counter/settlement-view';
import { groupLedger } from './grouping';
import type { LedgerRecord } from './local-ledger';
import type { ReconcileApp } from './reconcile-runner';
import type { ClearingApplicationView } from './views';

interface Row {
  id: number;
  persons: 'local' | 'remote';
  infno: string;
  msgid: string;
  evtId: string;
  insutype: string;
  clrType: string;
  setlOptins: string;
  begndate: string;
  enddate: string;
  count: number;
  medfeeFen: number;
  fundPayFen: number;
  acctPayFen: number;
  appliedAt: string;
  cancelMsgid: string | null;
  cancelledAt: string | null;
}

const SELECT = `SELECT id, persons, infno, msgid, evt_id AS evtId, insutype, clr_type AS clrType, setl_optins AS setlOptins,
  begndate, enddate, setl_cnt AS count, medfee_sumamt AS medfeeFen, fund_pay_sumamt AS fundPayFen, acct_pay AS acctPayFen,
  applied_at AS appliedAt, cancel_msgid AS cancelMsgid, cancelled_at AS cancelledAt FROM clearing_application`;

const PERSONS_LABEL = { local: '本地', remote: '异地' } as const;

function view(row: Row): ClearingApplicationView {
  return { ...row, personsLabel: PERSONS_LABEL[row.persons], standing: row.cancelMsgid === null };
}

/** The region's clearing codes, or a clear refusal where the profile has none. */
export function clearingCodesOf(app: ReconcileApp): ClearingCodes {
  const codes = app.client.profile.clearing;
  if (!codes) {
    throw new YibaoError(
      'E_CLEARING_NOT_USED',
      `地区配置 ${app.client.profile.name} 不以单独交易申请清算 (清算随月度对总账完成)`,
    );
  }
  return codes;
}

export class ClearingApplicationStore {
  constructor(private readonly app: Pick<ReconcileApp, 'db' | 'loaded' | 'centerId'>) {}

  private get scope() {
    return { f: this.app.loaded.config.institution.fixmedinsCode, c: this.app.centerId };
  }

  /** Newest first; `begndate` narrows to the applications of one period. */
  list(begndate = ''): ClearingApplicationView[] {
    return this.app.db
      .prepare<{ f: string; c: string; b: string }, Row>(
        `${SELECT} WHERE fixmedins_code = @f AND center_url = @c AND (@b = '' OR begndate = @b) ORDER BY id DESC`,
      )
      .all({ ...this.scope, b: begndate })
      .map(view);
  }

  get(id: number): ClearingApplicationView {
    const row = this.app.db
      .prepare<{ f: string; c: string; id: number }, Row>(`${SELECT} WHERE fixmedins_code = @f AND center_url = @c AND id = @id`)
      .get({ ...this.scope, id });
    if (!row) throw new YibaoError('E_CLEARING_UNKNOWN', `没有编号为 ${id} 的清算申请`, { id });
    return view(row);
  }

  add(a: Omit<Row, 'id' | 'appliedAt' | 'cancelMsgid' | 'cancelledAt'>): number {
    const info = this.app.db
      .prepare(
        `INSERT INTO clearing_application (fixmedins_code, center_url, persons, infno, msgid, evt_id, insutype, clr_type,
           setl_optins, begndate, enddate, setl_cnt, medfee_sumamt, fund_pay_sumamt, acct_pay, applied_at)
         VALUES (@f, @c, @persons, @infno, @msgid, @evtId, @insutype, @clrType, @setlOptins, @begndate, @enddate, @count,
           @medfeeFen, @fundPayFen, @acctPayFen, @appliedAt)`,
      )
      .run({ ...this.scope, ...a, appliedAt: formatDateTime(new Date()) });
    return Number(info.lastInsertRowid);
  }

  markCancelled(id: number, msgid: string): void {
    this.app.db
      .prepare('UPDATE clearing_application SET cancel_msgid = ?, cancelled_at = ? WHERE id = ?')
      .run(msgid, formatDateTime(new Date()), id);
  }
}

/** 本地 when cleared by the institution's own area (its 就医地区划), else 异地. */
export function personsOf(app: Pick<ReconcileApp, 'loaded'>, setlOptins: string): 'local' | 'remote' {
  return setlOptins === app.loaded.config.institution.mdtrtareaAdmvs ? 'local' : 'remote';
}

/**
 * Applies for the period's clearing, group by group; groups with a standing application are
 * skipped. A refusal stops the run with the groups applied so far kept (each one is its own
 * application at the center). The center answers its own totals: a group it counts differently
 * is refused before (the sandbox) or shown here as a mismatch.
 */
export async function applyForClearing(
  app: ReconcileApp,
  operator: Operator | undefined,
  period: { begndate: string; enddate: string },
  ledger: readonly LedgerRecord[],
  /** With a shop store: the applications standing at the other counters (the group is the institution's). */
  standingElsewhere: readonly ClearingApplicationView[] = [],
): Promise<ClearingApplicationView[]> {
  const codes = clearingCodesOf(app);
  const store = new ClearingApplicationStore(app);
  const standing = [...store.list(period.begndate), ...standingElsewhere].filter(
    (a) => a.standing && a.enddate === period.enddate,
  );
  const made: ClearingApplicationView[] = [];
  try {
    for (const group of groupLedger(ledger)) {
      const same = (a: ClearingApplicationView) =>
        a.insutype === group.insutype && a.clrType === group.clrType && a.setlOptins === group.setlOptins;
      if (standing.some(same)) continue;
      const persons = personsOf(app, group.setlOptins);
      const infno = codes.apply[persons];
      const result = await app.callAs(operator, infno, {
        data: {
          insutype: group.insutype,
          clr_type: group.clrType,
          setl_optins: group.setlOptins,
          stmt_begndate: period.begndate,
          stmt_enddate: period.enddate,
          medfee_sumamt: yuanNumber(group.totals.medfee),
          fund_pay_sumamt: yuanNumber(group.totals.fund),
          acct_pay: yuanNumber(group.totals.acct),
          fixmedins_setl_cnt: group.totals.count,
        },
      });
      const info = clearingApplyOutput.parse(result.output).clrappyinfo;
      const answered = { medfee: fenOf(info.medfee_sumamt), fund: fenOf(info.fund_pay_sumamt), acct: fenOf(info.acct_pay) };
      const id = store.add({
        persons,
        infno,
        msgid: result.msgid,
        evtId: info.clr_appy_evt_id,
        insutype: group.insutype,
        clrType: group.clrType,
        setlOptins: group.setlOptins,
        begndate: period.begndate,
        enddate: period.enddate,
        count: info.fixmedins_setl_cnt,
        medfeeFen: answered.medfee,
        fundPayFen: answered.fund,
        acctPayFen: answered.acct,
      });
      const mismatch =
        answered.medfee !== group.totals.medfee ||
        answered.fund !== group.totals.fund ||
        answered.acct !== group.totals.acct ||
        info.fixmedins_setl_cnt !== group.totals.count;
      made.push({ ...store.get(id), mismatch });
    }
  } finally {
    // Even after a refusal part-way: the groups applied so far are standing.
    if (made.length > 0) await shareStanding(app, period);
  }
  return made;
}

/** The kind under which each counter's standing applications of a period are kept in the shop store. */
export const CLEARING_APPLICATIONS_RUN = 'clearing-applications';

/**
 * With a shop store: this counter's standing applications of the period, for the other counters
 * (an application is the institution's; they must not apply for the same group again). A shop
 * store out of reach loses only this notice: the center refuses a second application of a group.
 */
async function shareStanding(app: ReconcileApp, period: { begndate: string; enddate: string }): Promise<void> {
  const shop = app.shop;
  if (!shop) return;
  const standing = new ClearingApplicationStore(app)
    .list(period.begndate)
    .filter((a) => a.standing && a.enddate === period.enddate);
  await shop.store
    .saveRun({
      fixmedinsCode: app.loaded.config.institution.fixmedinsCode,
      kind: CLEARING_APPLICATIONS_RUN,
      begndate: period.begndate,
      enddate: period.enddate,
      counterId: shop.counter.counterId,
      ledgerDigest: '',
      result: 'standing',
      run: standing,
    })
    .catch(() => undefined);
}

/** Withdraws a standing application with the code that undoes its kind (本地 / 异地). */
export async function cancelClearing(app: ReconcileApp, id: number, operator?: Operator): Promise<ClearingApplicationView> {
  const codes = clearingCodesOf(app);
  const store = new ClearingApplicationStore(app);
  const a = store.get(id);
  if (!a.standing) throw new YibaoError('E_CLEARING_CANCELLED', `清算申请 ${id} 已于 ${a.cancelledAt} 撤销`, { id });
  const result = await app.callAs(operator, codes.cancel[a.persons], { data: { clr_appy_evt_id: a.evtId } });
  const info = clearingCancelOutput.parse(result.output).clrappyinfo;
  if (info.clr_appy_evt_id !== a.evtId) {
    throw new YibaoError('E_OUTPUT_INVALID', `撤销应答的申请编号 ${info.clr_appy_evt_id} 与所撤销的 ${a.evtId} 不同`, { id });
  }
  store.markCancelled(id, result.msgid);
  await shareStanding(app, a);
  return store.get(id);
}

/** The center's application form (3205a), for the screen and `yibao clearing print`. */
export async function printClearing(app: ReconcileApp, id: number, operator?: Operator) {
  const codes = clearingCodesOf(app);
  if (!codes.print) throw new YibaoError('E_CLEARING_NOT_USED', `地区配置 ${app.client.profile.name} 没有清算申请单打印交易`);
  const a = new ClearingApplicationStore(app).get(id);
  const result = await app.callAs(operator, codes.print, { data: { clr_appy_evt_id: a.evtId } });
  const form = clearingPrintOutput.parse(result.output).clrappyinfo;
  if (form.clr_appy_evt_id !== a.evtId) {
    throw new YibaoError('E_OUTPUT_INVALID', `申请单的申请编号 ${form.clr_appy_evt_id} 与所打印的 ${a.evtId} 不同`, { id });
  }
  return { application: a, form, msgid: result.msgid };
}
