/**
 * The sandbox center's data layer: one SQLite file, one repository per concern. The
 * center runs a message's whole effect inside `transaction`, so the message log entry,
 * the business rows and the money movement commit or roll back together.
 */
import { CatalogueRepo } from './catalogue';
import { openSandboxDb, type Db } from './db';
import { DictionaryRepo } from './dictionary';
import { FaultRepo } from './faults';
import { FileRepo } from './files';
import { LedgerRepo } from './ledger';
import { MessageRepo } from './messages';
import { MetaRepo } from './meta';
import { PersonRepo } from './persons';
import { SettlementRepo } from './settlements';
import { SignInRepo } from './signins';
import { VisitRepo } from './visits';

export class SandboxStore {
  readonly meta: MetaRepo;
  readonly persons: PersonRepo;
  readonly ledger: LedgerRepo;
  readonly signIns: SignInRepo;
  readonly visits: VisitRepo;
  readonly settlements: SettlementRepo;
  readonly messages: MessageRepo;
  readonly files: FileRepo;
  readonly faults: FaultRepo;
  readonly catalogue: CatalogueRepo;
  readonly dictionary: DictionaryRepo;

  constructor(
    readonly db: Db,
    /** Path of the SQLite file (':memory:' allowed). */
    readonly file: string,
  ) {
    this.meta = new MetaRepo(db);
    this.persons = new PersonRepo(db);
    this.ledger = new LedgerRepo(db);
    this.signIns = new SignInRepo(db);
    this.visits = new VisitRepo(db);
    this.settlements = new SettlementRepo(db, this.ledger);
    this.messages = new MessageRepo(db);
    this.files = new FileRepo(db);
    this.faults = new FaultRepo(db);
    this.catalogue = new CatalogueRepo(db);
    this.dictionary = new DictionaryRepo(db);
  }

  /** Opens (creating and migrating as needed) a store file without seeding it. */
  static openFile(file: string): SandboxStore {
    return new SandboxStore(openSandboxDb(file), file);
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE, so two processes on the file queue
   * instead of failing mid-way); a throw rolls everything back. Nests as a savepoint.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
