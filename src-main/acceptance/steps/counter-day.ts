/**
 * Steps every institution type goes through: sign in, read the catalogue and dictionaries, read
 * the person, and sign out. Each step calls the counter's own modules (sessions, catalogue sync,
 * person desk), so the self-test proves the paths the cashier uses.
 */
import { formatDateTime } from '../../core/time';
import { LocalCatalogue } from '../../catalogue/local-catalogue';
import { centerPort } from '../../catalogue/center-port';
import { FILE_CATALOGUES, PAGED_CATALOGUES } from '../../catalogue/catalogues';
import { syncCatalogue } from '../../catalogue/sync';
import { mandatoryFor } from '../../registry/registry';
import { provingInfno } from '../coverage';
import type { AcceptanceStep, StepEnv } from '../types';

export const signInStep: AcceptanceStep = {
  title: '操作员签到',
  codes: ['9001'],
  async run({ app, operator }) {
    const session = await app.sessions.signIn(app.client, operator);
    return `签到编号 ${session.signNo}`;
  },
};

export const signOutStep: AcceptanceStep = {
  title: '操作员签退',
  codes: ['9002'],
  async run({ app, operator }) {
    const { signOutTime } = await app.sessions.signOut(app.client, operator.opter);
    return `签退时间 ${signOutTime}`;
  },
};

const isFileCatalogue = (code: string) => (FILE_CATALOGUES as readonly string[]).includes(code);
const isPagedCatalogue = (code: string) => (PAGED_CATALOGUES as readonly string[]).includes(code);

/** The catalogue codes of the type's mandatory list, as this region downloads them. */
function catalogueCodes(env: StepEnv, test: (code: string) => boolean): string[] {
  const codes = mandatoryFor(env.type).map((r) => provingInfno(env.app.client.profile, r.code));
  return [...new Set(codes.filter(test))];
}

/**
 * File catalogues through the real sync (incremental from the local version, streamed into the
 * local catalogue); paged queries one page of the last 30 days each (a full first pass of 1312 is
 * a catalogue sync, not an interface test); 1901 dictionaries the counter shows.
 */
export const catalogueStep: AcceptanceStep = {
  title: '目录与字典下载',
  codes: ['1301', '1302', '1304', '1306', '1309', '1312', '1316', '1317', '1318', '1319', '1901'],
  async run(env) {
    const { app, operator } = env;
    const local = LocalCatalogue.open(app.db.name);
    try {
      const port = centerPort(app, operator);
      const files = catalogueCodes(env, isFileCatalogue);
      const report = await syncCatalogue(local, port, app.client.profile, { only: [...files, '1901'] });
      const refused = report.steps.filter((s) => s.refused);
      const since = formatDateTime(new Date(Date.now() - 30 * 86_400_000));
      const paged = catalogueCodes(env, isPagedCatalogue);
      let pagedRows = 0;
      for (const infno of paged) pagedRows += (await port.page(infno, since, 1, 100)).rows.length;
      const fileRows = report.steps.reduce((n, s) => n + s.rows, 0);
      return (
        `文件目录 ${files.join('/')} 共 ${fileRows} 行, 分页查询 ${paged.join('/')} 首页 ${pagedRows} 行` +
        (refused.length ? `; 中心拒绝: ${refused.map((s) => `${s.infno} ${s.refused}`).join('; ')}` : '')
      );
    } finally {
      local.close();
    }
  },
};

export const personStep: AcceptanceStep = {
  title: '读取参保人信息与待遇检查',
  codes: ['1101', '2001'],
  async run({ services, subjects, state }) {
    const ctx = await services.persons.read({ kind: 'id', idNumber: subjects.person.certno, name: subjects.person.name });
    state.set('personKey', ctx.key);
    state.set('psnNo', ctx.psnNo);
    return `人员编号 ${ctx.psnNo}, 险种 ${ctx.insurances[ctx.chosen]?.insutype ?? ''}`;
  },
};
