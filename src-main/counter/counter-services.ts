/**
 * The counter's business services for one opened CounterApp: what the API handlers call. Built
 * once per app (a change of settings reopens the app and builds them again).
 */
import type { CounterApp } from '../app/counter-app';
import { LocalCatalogue } from '../catalogue/local-catalogue';
import { ClinicVisits } from './clinic-visit';
import type { CounterEvents } from './events';
import { ItemNames } from './item-names';
import { CenterItemSearch, type ItemSearch } from './item-search';
import {
  DIAGNOSIS_CATALOGUES,
  DiagnosisSearch,
  FEE_ITEM_CATALOGUES,
  LocalItemSearch,
  PreferLocalSearch,
} from './local-item-search';
import { JournalView } from './journal-view';
import { JournalWatcher, ReversalDriver, ShopWatcher } from './live';
import { shopHeaderOf } from './shop-header';
import { MoneyLane } from './money-lane';
import { PersonDesk } from './person';
import { PharmacySale } from './pharmacy-sale';
import { SettlementHistory } from './settlement-history';
import { InventoryRetryDriver } from '../inventory/retry-driver';
import { inventoryDeskOf } from '../inventory/inventory-desk';
import { PrescriptionDesk } from '../prescription/prescription-desk';
import { createReceiptDesk } from '../receipts/receipt-sources';
import type { ReceiptDesk } from '../receipts/receipt-desk';

export interface CounterServices {
  readonly persons: PersonDesk;
  readonly pharmacy: PharmacySale;
  readonly clinic: ClinicVisits;
  readonly history: SettlementHistory;
  readonly items: ItemSearch;
  readonly diagnoses: DiagnosisSearch;
  readonly journal: JournalView;
  readonly events: CounterEvents;
  /** 医保电子处方 at the pharmacy (src-main/prescription/). */
  readonly prescriptions: PrescriptionDesk;
  /** Receipts of this counter's settlements, from the journal (src-main/receipts/). */
  readonly receipts: ReceiptDesk;
  /** A settlement, refund, registration or upload is in flight (settings must not reopen now). */
  busy(): boolean;
  start(): void;
  stop(): Promise<void>;
}

export function createCounterServices(app: CounterApp, events: CounterEvents): CounterServices {
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  const names = new ItemNames(app.lightDb);
  const persons = new PersonDesk(app);
  const history = new SettlementHistory(app.journal, fixmedinsCode);
  const lane = new MoneyLane();
  const pharmacy = new PharmacySale(app, persons, history, names, events, lane);
  const clinic = new ClinicVisits(app, persons, names, events, lane);
  const local = openLocalCatalogue(app);
  const watcher = new JournalWatcher(app.journal, events);
  const driver = new ReversalDriver(app.journal, app.resolver, lane);
  const shop = app.shop;
  const shopWatcher = shop && new ShopWatcher(() => shopHeaderOf(shop), events);
  const inventoryRetries = new InventoryRetryDriver(app);
  return {
    persons,
    pharmacy,
    clinic,
    history,
    items: new PreferLocalSearch(
      local && new LocalItemSearch(local, names, FEE_ITEM_CATALOGUES),
      new CenterItemSearch(app, names),
    ),
    diagnoses: new DiagnosisSearch(local && new LocalItemSearch(local, names, DIAGNOSIS_CATALOGUES)),
    journal: new JournalView(app.journal),
    events,
    prescriptions: new PrescriptionDesk(app, persons, pharmacy, history),
    receipts: createReceiptDesk(app, { names, local }),
    busy: () => pharmacy.busy || clinic.busy || inventoryDeskOf(app).uploader.busy,
    start() {
      watcher.start();
      shopWatcher?.start();
      driver.start();
      inventoryRetries.start();
    },
    async stop() {
      watcher.stop();
      shopWatcher?.stop();
      inventoryRetries.stop();
      await driver.stop();
      local?.close();
    },
  };
}

/** The local catalogue in the counter's database file; without it, searches go to the center. */
function openLocalCatalogue(app: CounterApp): LocalCatalogue | null {
  if (app.db.memory) return null;
  try {
    return LocalCatalogue.open(app.db.name);
  } catch {
    return null;
  }
}
