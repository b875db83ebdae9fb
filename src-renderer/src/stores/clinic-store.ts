/**
 * 门诊收费: the visit being served (as the main side replays it from the journal), the bill being
 * entered, the pre-settlement and settlement of the active bill, refunds, and recent visits.
 */
import { create } from 'zustand';
import type {
  CatalogueHit,
  ClinicRefundStep,
  SaleResult,
  SettlementView,
  StaffLists,
  VisitSummary,
  VisitView,
} from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { draftKey, draftOf, wireLines, type DraftLine } from './draft-lines';
import { preIsFresh, preKeyFor } from './clinic-stage';
import { usePersonStore } from './person-store';
import { autoPrintAfterSettlement } from './receipt-store';

export interface RegisterForm {
  medType: string;
  deptCode: string;
  deptName: string;
  caty: string;
  doctorCode: string;
  doctorName: string;
}

export interface Diagnosis {
  code: string;
  name: string;
}

/** The registration defaults: the department and doctor of the last registration (kept in the counter's database). */
function formOf(staff: StaffLists | null, medType = '11'): RegisterForm {
  return {
    medType,
    deptCode: staff?.lastDepartment?.code ?? '',
    deptName: staff?.lastDepartment?.name ?? '',
    caty: staff?.lastDepartment?.caty ?? '',
    doctorCode: staff?.lastDoctor?.code ?? '',
    doctorName: staff?.lastDoctor?.name ?? '',
  };
}

type Busy = null | 'staff' | 'register' | 'info' | 'upload' | 'pre' | 'settle' | 'refund' | 'load';

interface ClinicState {
  visit: VisitView | null;
  /** Who the visit was registered for (name and masked 人员编号), null for a visit opened from the list. */
  visitPerson: string | null;
  lines: DraftLine[];
  activeBill: string | null;
  acctUsed: boolean;
  pre: SettlementView | null;
  preKey: string | null;
  result: SaleResult | null;
  refundSteps: readonly ClinicRefundStep[];
  recent: readonly VisitSummary[];
  form: RegisterForm;
  /** The institution's departments and doctors (null until loaded). */
  staff: StaffLists | null;
  /** How many 医师 the last 5102 listed (null: not asked in this session). */
  staffFetched: number | null;
  busy: Busy;
  error: UiError | null;
  register(form: RegisterForm): Promise<void>;
  visitInfo(medType: string, mainCondDscr: string, diagnoses: Diagnosis[]): Promise<void>;
  addItem(hit: CatalogueHit): void;
  updateLine(id: string, patch: Partial<Pick<DraftLine, 'cntText' | 'pricText'>>): void;
  removeLine(id: string): void;
  setAcctUsed(value: boolean): void;
  uploadBill(): Promise<void>;
  /** F5 at fee entry: upload the lines as a new bill (2204), then pre-settle it (2206). */
  uploadAndPreSettle(): Promise<void>;
  selectBill(chrgBchno: string): void;
  preSettle(): Promise<void>;
  settle(): Promise<void>;
  refund(chrgBchno: string | undefined, cancelFees: boolean, cancelRegistration: boolean): Promise<boolean>;
  openVisit(mdtrtId: string): Promise<void>;
  loadRecent(): Promise<void>;
  /** `defaults`: also take the last registration's department and doctor as the form's defaults. */
  loadStaff(defaults?: boolean): Promise<void>;
  /** 5102: the institution's 医师 from the center, kept for the pick list. */
  syncDoctors(): Promise<void>;
  newBill(): void;
  newVisit(): void;
}

function personIdentity(person: { name: string; psnNoMasked: string }): string {
  return `${person.name}|${person.psnNoMasked}`;
}

/** The visit on screen was registered for this person (a visit opened from 就诊记录 belongs to no read person). */
export function isVisitPerson(visitPerson: string | null, person: { name: string; psnNoMasked: string } | null): boolean {
  return person !== null && visitPerson !== null && visitPerson === personIdentity(person);
}

export const useClinicStore = create<ClinicState>((set, get) => {
  /** Runs one request with the busy flag, keeping the error for the screen. */
  async function run(busy: Busy, work: () => Promise<void>): Promise<boolean> {
    if (get().busy) return false;
    set({ busy, error: null });
    try {
      await work();
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      // The visit may have moved on in part (e.g. 2208 done, 2205 refused): show what the center has.
      const visit = get().visit;
      if (visit) {
        try {
          set({ visit: await call('clinic.visit', { mdtrtId: visit.mdtrtId }) });
        } catch {
          // keep the earlier view; the error is shown already
        }
      }
      return false;
    } finally {
      set({ busy: null });
    }
  }
  /** The screen after 2204: the uploaded bill active, its lines no longer a draft, nothing pre-settled yet. */
  const uploadedBill = (up: { visit: VisitView; chrgBchno: string }) => ({
    visit: up.visit,
    activeBill: up.chrgBchno,
    lines: [],
    pre: null,
    preKey: null,
    result: null,
  });

  return {
    visit: null,
    visitPerson: null,
    lines: [],
    activeBill: null,
    acctUsed: true,
    pre: null,
    preKey: null,
    result: null,
    refundSteps: [],
    recent: [],
    form: formOf(null),
    staff: null,
    staffFetched: null,
    busy: null,
    error: null,
    async register(form) {
      const person = usePersonStore.getState().person;
      if (!person) {
        set({ error: { code: 'E_PERSON_EXPIRED', message: '请先读卡', hint: '按 F1 读卡。' } });
        return;
      }
      set({ form });
      await run('register', async () => {
        const visit = await call('clinic.register', { personKey: person.key, insuranceIndex: person.chosen, ...form });
        void get().loadStaff();
        set({
          visit,
          visitPerson: personIdentity(person),
          lines: [],
          activeBill: null,
          pre: null,
          result: null,
          refundSteps: [],
        });
      });
    },
    async visitInfo(medType, mainCondDscr, diagnoses) {
      const visit = get().visit;
      if (!visit) return;
      await run('info', async () => {
        set({ visit: await call('clinic.visitInfo', { mdtrtId: visit.mdtrtId, medType, mainCondDscr, diagnoses }) });
      });
    },
    addItem(hit) {
      set((s) => ({ lines: [...s.lines, draftOf(hit)], error: null }));
    },
    updateLine(id, patch) {
      set((s) => ({ lines: s.lines.map((l) => (l.id === id ? { ...l, ...patch } : l)) }));
    },
    removeLine(id) {
      set((s) => ({ lines: s.lines.filter((l) => l.id !== id) }));
    },
    setAcctUsed: (acctUsed) => set({ acctUsed }),
    async uploadBill() {
      const visit = get().visit;
      if (!visit || get().lines.length === 0) return;
      await run('upload', async () => {
        set(uploadedBill(await call('clinic.uploadBill', { mdtrtId: visit.mdtrtId, lines: wireLines(get().lines) })));
      });
    },
    async uploadAndPreSettle() {
      const visit = get().visit;
      if (!visit || get().lines.length === 0) return get().preSettle();
      // New lines: 2204 then 2206 in one busy run, the second asked as soon as the first is answered, and the
      // screen drawn once, with the pre-settlement: drawing the uploaded bill in between delayed the handling of
      // 2206's answer (issue 17). A refused 2206 leaves the bill uploaded (its lines no longer a draft to upload
      // again), with the error.
      await run('upload', async () => {
        const up = await call('clinic.uploadBill', { mdtrtId: visit.mdtrtId, lines: wireLines(get().lines) });
        const uploaded = uploadedBill(up);
        const acctUsed = get().acctUsed;
        const out = await call('clinic.preSettle', { mdtrtId: visit.mdtrtId, chrgBchno: up.chrgBchno, acctUsed }).catch(
          (error: unknown) => {
            set(uploaded);
            throw error;
          },
        );
        set({ ...uploaded, visit: out.visit, pre: out.settlement, preKey: preKeyFor(up.chrgBchno, acctUsed) });
      });
    },
    selectBill(chrgBchno) {
      if (get().busy) return;
      const bill = get().visit?.bills.find((b) => b.chrgBchno === chrgBchno);
      set({ activeBill: chrgBchno, pre: bill?.preSettlement ?? null, preKey: null, result: null, error: null });
    },
    async preSettle() {
      const { visit, activeBill } = get();
      if (!visit || !activeBill) return;
      await run('pre', async () => {
        const acctUsed = get().acctUsed;
        const out = await call('clinic.preSettle', { mdtrtId: visit.mdtrtId, chrgBchno: activeBill, acctUsed });
        set({ visit: out.visit, pre: out.settlement, preKey: preKeyFor(activeBill, acctUsed) });
      });
    },
    async settle() {
      const { visit, activeBill } = get();
      if (!visit || !activeBill || get().busy || get().result) return;
      if (!preIsFresh(get())) {
        set({ error: { code: 'E_PRESETTLE_REQUIRED', message: '请先预结算 (F5), 与患者确认金额后再结算' } });
        return;
      }
      await run('settle', async () => {
        const out = await call('clinic.settle', { mdtrtId: visit.mdtrtId, chrgBchno: activeBill, acctUsed: get().acctUsed });
        set({ visit: out.visit, result: out.result });
        if (!out.result.repeated) void autoPrintAfterSettlement(out.result.settlement.setlId);
      });
    },
    async refund(chrgBchno, cancelFees, cancelRegistration) {
      const visit = get().visit;
      if (!visit) return false;
      return run('refund', async () => {
        const out = await call('clinic.refund', { mdtrtId: visit.mdtrtId, chrgBchno, cancelFees, cancelRegistration });
        set({ visit: out.visit, refundSteps: out.steps, result: null, pre: null, activeBill: null });
      });
    },
    async openVisit(mdtrtId) {
      await run('load', async () => {
        const visit = await call('clinic.visit', { mdtrtId });
        set({ visit, visitPerson: null, lines: [], activeBill: null, pre: null, result: null, refundSteps: [] });
      });
    },
    async loadRecent() {
      try {
        set({ recent: await call('clinic.recent', { limit: 100 }) });
      } catch (e) {
        set({ error: uiError(e) });
      }
    },
    async loadStaff(defaults = false) {
      try {
        const staff = await call('staff.list', {});
        const s = get();
        const form = defaults ? formOf(staff, s.form.medType) : s.form;
        // Asked each time 收费 is shown, and mostly unchanged: the screen is not drawn again for the same lists
        // (that drawing delayed the frame that shows the read person; issue 17).
        if (draftKey(staff) === draftKey(s.staff) && draftKey(form) === draftKey(s.form)) return;
        set({ staff, form });
      } catch (e) {
        set({ error: uiError(e) });
      }
    },
    async syncDoctors() {
      await run('staff', async () => {
        const { fetched, ...staff } = await call('staff.syncDoctors', {});
        set({ staff, staffFetched: fetched });
      });
    },
    newBill() {
      if (get().busy) return;
      set({ lines: [], activeBill: null, pre: null, preKey: null, result: null, error: null, refundSteps: [] });
    },
    newVisit() {
      if (get().busy) return;
      set({
        visit: null,
        visitPerson: null,
        lines: [],
        activeBill: null,
        pre: null,
        preKey: null,
        result: null,
        error: null,
        refundSteps: [],
      });
    },
  };
});

/**
 * A person read is the next patient unless it is the visit's own person read again: another
 * person's visit leaves the screen (it stays under 就诊记录, F8), a settled bill of the same person
 * makes way for a new bill of the visit.
 */
usePersonStore.subscribe((now, before) => {
  if (!now.person || now.person.key === before.person?.key) return;
  const clinic = useClinicStore.getState();
  if (!clinic.visit || clinic.busy) return;
  if (clinic.visitPerson !== personIdentity(now.person)) clinic.newVisit();
  else if (clinic.result) clinic.newBill();
});
