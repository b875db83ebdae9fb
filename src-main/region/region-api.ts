/**
 * The 四川扩展 screen's API methods: route to the region's services (settlement-sheet.ts,
 * chronic-visit-desk.ts, person-filings.ts, the e-invoice desk's S3301 / S3302) and turn their
 * answers into the screen's views. The person is the one read at 读卡: its psn_no stays here.
 */
import type { z } from 'zod';
import type { CounterApp } from '../app/counter-app';
import type { CounterServices } from '../counter/counter-services';
import { EinvoiceDesk } from '../einvoice/einvoice-desk';
import type { regionApiArgs } from './api-args';
import { ChronicVisitDesk } from './chronic-visit-desk';
import { PersonFilings } from './person-filings';
import { regionCode } from './region-code';
import { fetchSettlementSheet } from './settlement-sheet';
import type { ChronicRxView, FiscalVoucherView, NoPasswordView } from './views';

type Args<M extends keyof typeof regionApiArgs> = z.output<(typeof regionApiArgs)[M]>;

/** S5901 vali_flag */
const VALIDITY: Record<'0' | '1', string> = { '1': '有效', '0': '已过期' };

export function regionHandlers(app: CounterApp, services: Pick<CounterServices, 'history' | 'persons'>) {
  const einvoice = new EinvoiceDesk(app, services.history);
  const chronic = new ChronicVisitDesk(app);
  const filings = new PersonFilings(app);
  const psnNo = (key: string) => services.persons.get(key).psnNo;
  return {
    'region.sheet': (args: Args<'region.sheet'>) => fetchSettlementSheet(app, services.history, args.setlId),
    'region.fiscalUpload': async (args: Args<'region.fiscalUpload'>) => ({
      infno: regionCode(app, 'fiscalInvoiceUpload'),
      ...(await einvoice.fiscalUpload(args.setlId, { code: args.code, number: args.number, checkCode: args.checkCode })),
    }),
    'region.fiscalQuery': async (args: Args<'region.fiscalQuery'>): Promise<FiscalVoucherView> => {
      const v = await einvoice.fiscalQuery(args.setlId);
      return {
        infno: regionCode(app, 'fiscalInvoiceQuery'),
        setlId: v.setl_id ?? args.setlId,
        code: v.einv_code ?? '',
        number: v.einv_no ?? '',
        checkCode: v.einv_chkcode ?? '',
        amountText: v.amountText,
        date: v.einv_date ?? '',
        upldNo: v.upld_no ?? '',
        upldTime: v.upld_time ?? '',
      };
    },
    'region.chronicRxUpload': (args: Args<'region.chronicRxUpload'>) => chronic.uploadRx(args),
    'region.chronicRxList': async (args: Args<'region.chronicRxList'>): Promise<ChronicRxView[]> =>
      (await chronic.listRx(args.mdtrtId, args.onlyThisVisit)).map((rx) => ({
        rxno: rx.rxno,
        mdtrtId: rx.mdtrt_id,
        rxTime: rx.rx_time ?? '',
        disease: [rx.opsp_dise_code, rx.opsp_dise_name].filter(Boolean).join(' '),
        doctorName: rx.dr_name ?? '',
        drugs: rx.rxdetail.map((d) => ({
          code: d.med_list_codg ?? '',
          name: d.drug_name ?? '',
          cntText: d.cnt == null ? '' : String(d.cnt),
          frequency: d.used_frqu_dscr ?? '',
        })),
      })),
    'region.twoDiseaseFile': (args: Args<'region.twoDiseaseFile'>) =>
      filings.fileTwoDisease({
        psnNo: psnNo(args.personKey),
        diseCode: args.diseCode,
        diseName: args.diseName,
        ...(args.begndate ? { begndate: args.begndate } : {}),
      }),
    'region.twoDiseaseRevoke': (args: Args<'region.twoDiseaseRevoke'>) =>
      filings.revokeTwoDisease(psnNo(args.personKey), args.serial),
    'region.noPasswordApply': (args: Args<'region.noPasswordApply'>) =>
      filings.applyNoPassword({
        psnNo: psnNo(args.personKey),
        reason: args.reason,
        begndate: args.begndate,
        enddate: args.enddate,
      }),
    'region.noPasswordList': async (args: Args<'region.noPasswordList'>): Promise<NoPasswordView[]> =>
      (await filings.listNoPassword(psnNo(args.personKey))).map((a) => ({
        applicationId: a.appy_id,
        reason: a.appy_rea ?? '',
        begndate: a.begndate ?? '',
        enddate: a.enddate ?? '',
        appliedAt: a.appy_time ?? '',
        validLabel: a.vali_flag === null ? '中心未返回' : VALIDITY[a.vali_flag],
        valid: a.vali_flag === '1',
      })),
  };
}
