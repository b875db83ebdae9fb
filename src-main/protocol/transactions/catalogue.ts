/** Catalogue downloads 1301–1319 / 1312a and dictionary 1901 (protocol.md §2.16). */
import { z } from 'zod';
import { date, must, opt, outNum, outObject, req, str, fileQueryNo } from '../wire';

/** 1301–1311, 1313–1315: file download by local maximum version. */
export const versionDownloadInput = z.strictObject({ data: z.strictObject({ ver: req(20) }) });
/** The file ids are sent back by 9102; data_cnt 0 ends the sync. */
export const versionDownloadOutput = outObject({
  file_qury_no: must(fileQueryNo()),
  filename: must(req(100)),
  dld_end_time: str(19),
  data_cnt: must(outNum(0)),
});

const paging = {
  updt_time: req(19),
  page_num: z.number().int().min(1),
  page_size: z.number().int().min(1).max(1000),
};

/** 1312 / 1312a 医保目录信息查询 (paged by updt_time). */
export const catalogueQueryInput = z.strictObject({
  data: z.strictObject({
    query_date: opt(str(10)),
    hilist_code: opt(str(30)),
    insu_admdvs: opt(str(6)),
    begndate: opt(str(19)),
    hilist_name: opt(str(200)),
    wubi: opt(str(30)),
    pinyin: opt(str(30)),
    med_chrgitm_type: opt(str(6)),
    chrgitm_lv: opt(str(3)),
    lmt_used_flag: opt(str(3)),
    list_type: opt(str(6)),
    med_use_flag: opt(str(3)),
    matn_used_flag: opt(str(3)),
    hilist_use_type: opt(str(6)),
    lmt_cpnd_type: opt(str(6)),
    vali_flag: opt(str(3)),
    ...paging,
  }),
});

/** 1316–1319 (mapping, price limit, self-pay ratio): paged the same way, filters vary by region. */
export const pagedQueryInput = z.strictObject({
  data: z.looseObject({ ...paging }),
});

/** The rows are checked one by one by the catalogue import (catalogue/paged-rows.ts). */
export const pagedOutput = outObject({
  data: must(z.array(z.record(z.string(), z.unknown()))),
  recordCounts: outNum(0).nullable().optional(),
  pages: outNum(0).nullable().optional(),
  pageNum: outNum(0).nullable().optional(),
  pageSize: outNum(0).nullable().optional(),
});

export const dictionaryInput = z.strictObject({
  data: z.strictObject({
    type: req(30),
    parentValue: opt(str(10)),
    admdvs: z.string().regex(/^\d{6}$/),
    date: date(),
    valiFlag: z.enum(['0', '1']),
  }),
});
export const dictionaryOutput = outObject({
  list: must(
    z.array(
      outObject({
        type: str(30),
        label: must(str(200)),
        value: must(str(30)),
        parentValue: opt(str(30)),
        sort: opt(outNum(0)),
        valiFlag: opt(str(3)),
      }),
    ),
  ),
});

/**
 * 1304 民族药品目录: a file by version nationally; 四川 queries it directly like 1312 (seed 003 l.212,
 * 该交易调用后直接获取目录信息). The profile's catalogueDownloads says which one a counter sends.
 */
export const fileOrQueryInput = z.union([versionDownloadInput, catalogueQueryInput]);
export const fileOrQueryOutput = z.union([versionDownloadOutput, pagedOutput]);
