/**
 * 进销存 uploads 3501–3507 and their batch variants 3501A–3507A. A single row that breaks a
 * rule refuses the whole message (infcode -1, nothing kept); a batch applies each row on its
 * own (a savepoint per row) and answers the rows it refused in `…ErrDetail` with retRslt 0
 * and the reason, so good rows go through beside bad ones. Rules: ../inventory-ledger.ts.
 */
import type { InvRecordKind } from '../../store/inventory';
import type { HandlerContext, HandlerTable } from '../context';
import { CenterReject } from '../reject';
import { applyUploadRow, deleteBatchRecords, type LedgerRow } from '../inventory-ledger';

const OK = { retRslt: '1', msgRslt: '成功' } as const;

/** A single-row upload: the row under `field`. */
function single(kind: InvRecordKind, field: 'invinfo' | 'purcinfo' | 'selinfo') {
  return (ctx: HandlerContext<Record<string, LedgerRow>>) => {
    applyUploadRow(ctx, kind, ctx.input[field] as LedgerRow);
    return { output: { result: OK } };
  };
}

interface RowOutcome {
  readonly row: LedgerRow;
  readonly error: string | null;
}

/** Runs each row in its own savepoint: a refused row leaves no trace, the others stay. */
function eachRow(ctx: HandlerContext<unknown>, rows: readonly LedgerRow[], apply: (row: LedgerRow) => void): RowOutcome[] {
  return rows.map((row) => {
    try {
      ctx.store.transaction(() => apply(row));
      return { row, error: null };
    } catch (error) {
      if (!(error instanceof CenterReject)) throw error;
      return { row, error: error.errMsg };
    }
  });
}

function batchAnswer(outcomes: readonly RowOutcome[], errField: string) {
  const failed = outcomes.filter((o) => o.error !== null);
  return {
    output: {
      result:
        failed.length === 0
          ? OK
          : { retRslt: '0', msgRslt: `${outcomes.length - failed.length} 条成功, ${failed.length} 条失败` },
      [errField]: failed.map(({ row, error }) => ({
        med_list_codg: row.med_list_codg ?? '',
        fixmedins_hilist_id: row.fixmedins_hilist_id ?? '',
        fixmedins_hilist_name: row.fixmedins_hilist_name ?? '',
        fixmedins_bchno: row.fixmedins_bchno,
        inv_data_type: typeof row['inv_data_type'] === 'string' ? row['inv_data_type'] : '',
        retRslt: '0',
        msgRslt: error ?? '',
        memo: '',
      })),
    },
  };
}

/** A batch upload: the rows under `field`, refusals under `errField`. */
function batch(kind: InvRecordKind, field: 'invinfoDetail' | 'purcinfoDetail' | 'selinfoDetail', errField: string) {
  return (ctx: HandlerContext<Record<string, LedgerRow[]>>) =>
    batchAnswer(
      eachRow(ctx, ctx.input[field] ?? [], (row) => applyUploadRow(ctx, kind, row)),
      errField,
    );
}

type DeleteRow = LedgerRow & { inv_data_type: string };

function deleteOne(ctx: HandlerContext<{ data: DeleteRow }>) {
  deleteBatchRecords(ctx, ctx.input.data.fixmedins_bchno, ctx.input.data.inv_data_type);
  return { output: { result: OK } };
}

function deleteMany(ctx: HandlerContext<{ goodDetail: DeleteRow[] }>) {
  return batchAnswer(
    eachRow(ctx, ctx.input.goodDetail, (row) => deleteBatchRecords(ctx, row.fixmedins_bchno, (row as DeleteRow).inv_data_type)),
    'goodErrDetail',
  );
}

export const inventoryHandlers: HandlerTable = {
  '3501': single('count', 'invinfo'),
  '3501A': batch('count', 'invinfoDetail', 'invinfoErrDetail'),
  '3502': single('change', 'invinfo'),
  '3502A': batch('change', 'invinfoDetail', 'invinfoErrDetail'),
  '3503': single('purchase', 'purcinfo'),
  '3503A': batch('purchase', 'purcinfoDetail', 'purcinfoErrDetail'),
  '3504': single('purchase-return', 'purcinfo'),
  '3504A': batch('purchase-return', 'purcinfoDetail', 'purcinfoErrDetail'),
  '3505': single('sale', 'selinfo'),
  '3505A': batch('sale', 'selinfoDetail', 'selinfoErrDetail'),
  '3506': single('sale-return', 'selinfo'),
  '3506A': batch('sale-return', 'selinfoDetail', 'selinfoErrDetail'),
  '3507': deleteOne,
  '3507A': deleteMany,
};
