/** Every transaction the sandbox center serves; any other registry code answers "not simulated". */
import type { HandlerTable } from '../context';
import { signHandlers } from './sign';
import { personHandlers } from './person';
import { pharmacyHandlers } from './pharmacy';
import { clinicHandlers } from './clinic';
import { reversalHandlers } from './reversal';
import { catalogueHandlers } from './catalogue';
import { fileHandlers } from './files';
import { reconcileHandlers } from './reconcile';
import { clearingHandlers } from './clearing';
import { clearingApplicationHandlers } from './clearing-application';
import { queryHandlers } from './query';
import { inventoryHandlers } from './inventory';
import { inventoryQueryHandlers } from './inventory-query';
import { mappingHandlers } from './mapping';
import { prescriptionHandlers } from './prescription';
import { auditHandlers } from './audit';
import { einvoiceHandlers } from './e-invoice';
import { infoHandlers } from './info';
import { sichuanHandlers } from './sichuan';

function merge(...tables: HandlerTable[]): HandlerTable {
  const out: Record<string, HandlerTable[string]> = {};
  for (const table of tables) {
    for (const [infno, handler] of Object.entries(table)) {
      if (out[infno]) throw new Error(`two sandbox handlers for ${infno}`);
      out[infno] = handler;
    }
  }
  return out;
}

export const SANDBOX_HANDLERS: HandlerTable = merge(
  signHandlers,
  personHandlers,
  pharmacyHandlers,
  clinicHandlers,
  reversalHandlers,
  catalogueHandlers,
  fileHandlers,
  reconcileHandlers,
  clearingHandlers,
  clearingApplicationHandlers,
  queryHandlers,
  inventoryHandlers,
  inventoryQueryHandlers,
  mappingHandlers,
  prescriptionHandlers,
  auditHandlers,
  einvoiceHandlers,
  infoHandlers,
  sichuanHandlers,
);
