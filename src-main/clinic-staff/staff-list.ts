/**
 * The institution's departments and doctors (本机构科室与医生), kept in the counter's database so
 * 挂号 offers them instead of free text: doctors from the center's 5102 list, departments and
 * doctors entered by hand or used in a registration, each with its 拼音首字母 so the pick list
 * finds 内科 by "nk". The last department and doctor used are the next registration's defaults.
 * Rows are per institution (the counter can be switched to another one in 设置).
 */
import { deriveInitials } from '../catalogue/initials';
import { YibaoError } from '../core/errors';
import type { Db } from '../storage/sqlite';

export interface DepartmentRow {
  readonly code: string;
  readonly name: string;
  /** 科别 (caty), 1–6 letters or digits. */
  readonly caty: string;
  readonly initials: string;
  /** 'manual': entered by hand or in a registration. */
  readonly source: 'manual';
}

export interface DoctorRow {
  readonly code: string;
  readonly name: string;
  readonly initials: string;
  /** '5102': from the center's list; 'manual': entered by hand or in a registration. */
  readonly source: '5102' | 'manual';
}

export interface StaffLists {
  readonly departments: readonly DepartmentRow[];
  readonly doctors: readonly DoctorRow[];
  /** The department and doctor of the last registration, the form's defaults (null: none yet). */
  readonly lastDepartment: DepartmentRow | null;
  readonly lastDoctor: DoctorRow | null;
}

/** What the center's 5102 answers for a 医师 (only what the list keeps). */
export interface CenterDoctor {
  readonly prac_psn_code: string;
  readonly prac_psn_name: string;
}

const CATY = /^[0-9A-Za-z]{1,6}$/;

interface DeptRecord {
  code: string;
  name: string;
  caty: string;
  initials: string;
}
interface DoctorRecord {
  code: string;
  name: string;
  initials: string;
  source: '5102' | 'manual';
}

export class ClinicStaff {
  private readonly putDept;
  private readonly putDoctor;
  private readonly depts;
  private readonly doctors;
  private readonly lastDept;
  private readonly lastDoctor;

  constructor(
    private readonly db: Db,
    private readonly fixmedinsCode: string,
  ) {
    // Milliseconds: two registrations in one second still order by which came last.
    const used = "CASE WHEN @used = 1 THEN strftime('%Y-%m-%d %H:%M:%f', 'now', 'localtime') ELSE NULL END";
    this.putDept = db.prepare<[{ inst: string; code: string; name: string; caty: string; initials: string; used: number }]>(
      `INSERT INTO clinic_department (fixmedins_code, code, name, caty, initials, used_at, updated_at)
       VALUES (@inst, @code, @name, @caty, @initials, ${used}, datetime('now', 'localtime'))
       ON CONFLICT(fixmedins_code, code) DO UPDATE SET name = excluded.name, caty = excluded.caty,
         initials = excluded.initials, used_at = COALESCE(excluded.used_at, clinic_department.used_at),
         updated_at = excluded.updated_at`,
    );
    // A doctor from 5102 keeps the center's name; one typed by hand does not turn a 5102 row into a manual one.
    this.putDoctor = db.prepare<[{ inst: string; code: string; name: string; initials: string; source: string; used: number }]>(
      `INSERT INTO clinic_doctor (fixmedins_code, code, name, initials, source, used_at, updated_at)
       VALUES (@inst, @code, @name, @initials, @source, ${used}, datetime('now', 'localtime'))
       ON CONFLICT(fixmedins_code, code) DO UPDATE SET name = excluded.name, initials = excluded.initials,
         source = CASE WHEN excluded.source = '5102' THEN '5102' ELSE clinic_doctor.source END,
         used_at = COALESCE(excluded.used_at, clinic_doctor.used_at), updated_at = excluded.updated_at`,
    );
    this.depts = db.prepare<[string], DeptRecord>(
      'SELECT code, name, caty, initials FROM clinic_department WHERE fixmedins_code = ? ORDER BY used_at IS NULL, used_at DESC, code',
    );
    this.doctors = db.prepare<[string], DoctorRecord>(
      'SELECT code, name, initials, source FROM clinic_doctor WHERE fixmedins_code = ? ORDER BY used_at IS NULL, used_at DESC, code',
    );
    this.lastDept = db.prepare<[string], DeptRecord>(
      'SELECT code, name, caty, initials FROM clinic_department WHERE fixmedins_code = ? AND used_at IS NOT NULL ORDER BY used_at DESC LIMIT 1',
    );
    this.lastDoctor = db.prepare<[string], DoctorRecord>(
      'SELECT code, name, initials, source FROM clinic_doctor WHERE fixmedins_code = ? AND used_at IS NOT NULL ORDER BY used_at DESC LIMIT 1',
    );
  }

  lists(): StaffLists {
    const inst = this.fixmedinsCode;
    const last = this.lastDept.get(inst);
    const lastDoc = this.lastDoctor.get(inst);
    return {
      departments: this.depts.all(inst).map(deptView),
      doctors: this.doctors.all(inst).map(doctorView),
      lastDepartment: last ? deptView(last) : null,
      lastDoctor: lastDoc ? doctorView(lastDoc) : null,
    };
  }

  private saveDepartment(d: { code: string; name: string; caty: string }, used: boolean): void {
    const code = checkedCode(d.code, '科室编码');
    const name = checkedName(d.name, '科室名称');
    const caty = d.caty.trim();
    if (!CATY.test(caty)) throw new YibaoError('E_STAFF_INVALID', `科别「${d.caty}」应为 1–6 位字母或数字`);
    this.putDept.run({ inst: this.fixmedinsCode, code, name, caty, initials: deriveInitials(name), used: used ? 1 : 0 });
  }

  private saveDoctor(d: { code: string; name: string }, used: boolean): void {
    const code = checkedCode(d.code, '医生编码');
    const name = checkedName(d.name, '医生姓名');
    this.putDoctor.run({
      inst: this.fixmedinsCode,
      code,
      name,
      initials: deriveInitials(name),
      source: 'manual',
      used: used ? 1 : 0,
    });
  }

  /** After a registration the center accepted: its department and doctor are kept and become the defaults. */
  rememberUsed(r: { deptCode: string; deptName: string; caty: string; doctorCode: string; doctorName: string }): void {
    this.db.transaction(() => {
      this.saveDepartment({ code: r.deptCode, name: r.deptName, caty: r.caty }, true);
      this.saveDoctor({ code: r.doctorCode, name: r.doctorName }, true);
    })();
  }

  /** Keeps the 医师 the center lists for the institution (5102); returns how many it listed. */
  keepCenterDoctors(rows: readonly CenterDoctor[]): number {
    this.db.transaction(() => {
      for (const r of rows) {
        const name = r.prac_psn_name.trim();
        this.putDoctor.run({
          inst: this.fixmedinsCode,
          code: r.prac_psn_code.trim(),
          name,
          initials: deriveInitials(name),
          source: '5102',
          used: 0,
        });
      }
    })();
    return rows.length;
  }
}

function checkedCode(input: string, what: string): string {
  const code = input.trim();
  if (code === '' || code.length > 30 || /\s/.test(code)) {
    throw new YibaoError('E_STAFF_INVALID', `${what}「${input}」应为 1–30 位, 不含空格`);
  }
  return code;
}

function checkedName(input: string, what: string): string {
  const name = input.trim();
  if (name === '' || name.length > 100) throw new YibaoError('E_STAFF_INVALID', `请填写${what} (最多 100 字)`);
  return name;
}

const deptView = (r: DeptRecord): DepartmentRow => ({ ...r, source: 'manual' });
const doctorView = (r: DoctorRecord): DoctorRow => ({ ...r });

/** Asks the center for the institution's 医师 (5102) and keeps them; returns the lists and how many it listed. */
export async function syncCenterDoctors(
  staff: ClinicStaff,
  fetchDoctors: () => Promise<readonly CenterDoctor[]>,
): Promise<StaffLists & { fetched: number }> {
  const fetched = staff.keepCenterDoctors(await fetchDoctors());
  return { ...staff.lists(), fetched };
}
