/** Where a counter's receipts read from: its journal, its configured institution, item names and the 1901 labels it has. */
import type { CounterApp } from '../app/counter-app';
import type { LocalCatalogue } from '../catalogue/local-catalogue';
import type { ItemNames } from '../counter/item-names';
import { catalogueNames, firstName, processNames } from './item-names';
import type { ReceiptSources } from './receipt-builder';
import { ReceiptDesk } from './receipt-desk';
import { receiptLabeler } from './receipt-labels';

export function receiptSources(
  app: CounterApp,
  extra: { names?: ItemNames; local?: LocalCatalogue | null } = {},
): ReceiptSources {
  const { institution } = app.loaded.config;
  return {
    journal: app.journal,
    institution: { code: institution.fixmedinsCode, name: institution.fixmedinsName },
    itemName: firstName(extra.names ? processNames(extra.names) : null, extra.local ? catalogueNames(extra.local) : null),
    label: receiptLabeler(extra.local?.dictionary ?? null),
  };
}

export function createReceiptDesk(
  app: CounterApp,
  extra: { names?: ItemNames; local?: LocalCatalogue | null } = {},
): ReceiptDesk {
  return new ReceiptDesk(receiptSources(app, extra), app.loaded.config.printer);
}
