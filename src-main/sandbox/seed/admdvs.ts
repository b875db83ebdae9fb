/**
 * Insurance areas the seed uses. The sandbox center itself sits in 武汉市 (420100): a
 * person insured there is 本地; elsewhere in 湖北 is 省内异地; another province is 跨省异地.
 */
import type { InsuRegion } from '../policy/types';

/** The sandbox center's own area (mdtrtarea_admvs of its institutions, clr_optins). */
export const SANDBOX_ADMDVS = '420100';

export interface InsuArea {
  admdvs: string;
  name: string;
  region: InsuRegion;
  /** County-level codes, used as the birth place of ID numbers. */
  counties: readonly string[];
}

export const INSU_AREAS: readonly InsuArea[] = [
  {
    admdvs: SANDBOX_ADMDVS,
    name: '湖北省武汉市',
    region: 'local',
    counties: ['420102', '420103', '420104', '420105', '420106', '420107', '420111', '420112', '420115'],
  },
  { admdvs: '420500', name: '湖北省宜昌市', region: 'in-province', counties: ['420502', '420503', '420504'] },
  { admdvs: '420600', name: '湖北省襄阳市', region: 'in-province', counties: ['420602', '420606', '420607'] },
  { admdvs: '421000', name: '湖北省荆州市', region: 'in-province', counties: ['421002', '421003'] },
  { admdvs: '420200', name: '湖北省黄石市', region: 'in-province', counties: ['420202', '420203'] },
  { admdvs: '110100', name: '北京市', region: 'cross-province', counties: ['110101', '110105', '110108'] },
  { admdvs: '310100', name: '上海市', region: 'cross-province', counties: ['310104', '310106', '310115'] },
  { admdvs: '440300', name: '广东省深圳市', region: 'cross-province', counties: ['440303', '440304', '440305'] },
  { admdvs: '510100', name: '四川省成都市', region: 'cross-province', counties: ['510104', '510105', '510107'] },
  { admdvs: '430100', name: '湖南省长沙市', region: 'cross-province', counties: ['430102', '430103', '430104'] },
  { admdvs: '410100', name: '河南省郑州市', region: 'cross-province', counties: ['410102', '410105'] },
];

export function areasIn(region: InsuRegion): readonly InsuArea[] {
  return INSU_AREAS.filter((a) => a.region === region);
}
