/**
 * The counter's business services for one opened CounterApp: what the API handlers call. Built
 * once per app (a change of settings reopens the app and builds them again).
 */
import type { CounterApp } from '../app/counter-app';
import { LocalCatalogue } from '../catalogue/local-catalogue';
import { CatalogueFill } from '../catalogue/catalogue-fill';
import { CATALOGUE_DOWNLOAD_INFNOS } from '../catalogue/catalogues';
import { formatDateTime } from '../core/time';
import { PriceList } from '../prices/price-list';
import { ClinicStaff } from '../clinic-staff/staff-list';
import { centerReachOf, REACH_WINDOW, type CenterReachView } from './center-reach';
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
  PricedSearch,
} from './local-item-search';
import { JournalView } from './journal-view';
import { JournalWatcher, ReversalDriver, ShopWatcher } from './live';
import { shopHeaderOf } from './shop-header';
import { MoneyLane } from './money-lane';
import { PersonDesk } from './person';
import { PharmacySale } from './pharmacy-sale';
import { SafeControl } from './safe-control';
import { SettlementHistory } from './settlement-history';
import { InventoryRetryDriver } from '../inventory/retry-driver';
import { inventoryDeskOf } from '../inventory/inventory-desk';
import { PrescriptionDesk } from '../prescription/prescription-desk';
import { createReceiptDesk } from '../receipts/receipt-sources';
import type { ReceiptDesk } from '../receipts/receipt-desk';
import { BackupScheduler } from '../backup/backup-scheduler';
import { ArchiveScheduler } from '../journal/archive/archive-scheduler';

export interface CounterServices {
  readonly persons: PersonDesk;
  /** 读卡 of a visit and the region's 安全控件 (initialised at sign-in, read again before refunds). */
  readonly safeControl: SafeControl;
  readonly pharmacy: PharmacySale;
  readonly clinic: ClinicVisits;
  readonly history: SettlementHistory;
  readonly items: ItemSearch;
  readonly diagnoses: DiagnosisSearch;
  readonly prices: PriceList;
  /** The first fill of the local catalogue, started at sign-in (null: no local catalogue, e.g. in memory). */
  readonly catalogueFill: CatalogueFill | null;
  /** The institution's departments and doctors offered at 挂号 (src-main/clinic-staff/). */
  readonly staff: ClinicStaff;
  readonly journal: JournalView;
  readonly events: CounterEvents;
  /** 医保电子处方 at the pharmacy (src-main/prescription/). */
  readonly prescriptions: PrescriptionDesk;
  /** Receipts of this counter's settlements, from the journal (src-main/receipts/). */
  readonly receipts: ReceiptDesk;
  /** The daily backup of the local database (src-main/backup/). */
  readonly backups: BackupScheduler;
  /** Archiving old years of the journal (off unless config journal.archiveAfterYears; src-main/journal/archive/). */
  readonly archiver: ArchiveScheduler;
  /** A settlement, refund, registration or upload is in flight (settings must not reopen now). */
  busy(): boolean;
  start(): void;
  stop(): Promise<void>;
}

export function createCounterServices(app: CounterApp, events: CounterEvents): CounterServices {
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  const names = new ItemNames(app.lightDb);
  const persons = new PersonDesk(app);
  const safeControl = new SafeControl(app, persons);
  const history = new SettlementHistory(app.journal, fixmedinsCode);
  const lane = new MoneyLane();
  const prices = new PriceList(app.lightDb);
  const pharmacy = new PharmacySale(app, persons, history, names, prices, events, lane, safeControl);
  const clinic = new ClinicVisits(app, persons, history, names, prices, events, lane, safeControl);
  const local = openLocalCatalogue(app);
  const catalogueFill =
    local &&
    new CatalogueFill(local, app.client.profile, FEE_ITEM_CATALOGUES, (fill) =>
      events.emit({ type: 'catalogue', fill, at: formatDateTime(new Date()) }),
    );
  const watcher = new JournalWatcher(app.journal, events, 1000, () => reachOf(app), CATALOGUE_DOWNLOAD_INFNOS);
  const driver = new ReversalDriver(app.journal, app.resolver, lane);
  const shop = app.shop;
  const shopWatcher = shop && new ShopWatcher(() => shopHeaderOf(shop), events);
  const inventoryRetries = new InventoryRetryDriver(app);
  const backups = new BackupScheduler(app.db, app.loaded);
  const archiver = new ArchiveScheduler(app.db, app.archives, app.loaded.config.journal.archiveAfterYears);
  return {
    backups,
    archiver,
    persons,
    safeControl,
    pharmacy,
    clinic,
    history,
    items: new PricedSearch(
      new PreferLocalSearch(
        local && new LocalItemSearch(local, names, FEE_ITEM_CATALOGUES),
        new CenterItemSearch(app, names),
        catalogueFill,
      ),
      prices,
    ),
    prices,
    catalogueFill,
    staff: new ClinicStaff(app.lightDb, fixmedinsCode),
    diagnoses: new DiagnosisSearch(local && new LocalItemSearch(local, names, DIAGNOSIS_CATALOGUES)),
    journal: new JournalView(app.journal, app.archives),
    events,
    prescriptions: new PrescriptionDesk(app, persons, pharmacy, history),
    receipts: createReceiptDesk(app, { names, local }),
    busy: () => pharmacy.busy || clinic.busy || inventoryDeskOf(app).uploader.busy,
    start() {
      watcher.start();
      shopWatcher?.start();
      driver.start();
      inventoryRetries.start();
      // On a database file only. Services start after the app opened: recovery and the integrity check are done.
      if (!app.db.memory) {
        backups.start();
        archiver.start();
      }
    },
    async stop() {
      watcher.stop();
      shopWatcher?.stop();
      inventoryRetries.stop();
      await driver.stop();
      await backups.stop();
      await archiver.stop();
      await catalogueFill?.stop();
      local?.close();
      await safeControl.close();
    },
  };
}

/**
 * Whether the center this counter calls answers, from the journal's last outcomes: looked up by the name the
 * journal gives the center (the embedded sandbox's is its ledger directory, not its URL of the day).
 */
export function reachOf(app: CounterApp): CenterReachView {
  return centerReachOf(app.journal.recentOutcomes(app.centerId, REACH_WINDOW));
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
