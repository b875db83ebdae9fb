/** 9101 文件上传 / 9102 文件下载 (protocol.md §2.18). 9102 answers with raw ZIP bytes. */
import { z } from 'zod';
import { must, opt, outObject, req, str, fileQueryNo } from '../wire';

export const fileUploadInput = z.strictObject({
  fsUploadIn: z.strictObject({
    /** The ZIP as a byte array (JSON array of 0–255). */
    in: z.array(z.number().int().min(0).max(255)).min(1, { message: '上传文件不能为空' }),
    filename: req(200),
    fixmedins_code: req(30),
  }),
});
/** The file ids are sent back by 3202. */
export const fileUploadOutput = outObject({
  file_qury_no: must(fileQueryNo()),
  filename: must(req(200)),
  fixmedins_code: opt(str(30)),
  dld_endtime: opt(str(19)),
});

export const fileDownloadInput = z.strictObject({
  fsDownloadIn: z.strictObject({ file_qury_no: fileQueryNo(), filename: req(200), fixmedins_code: req(30) }),
});
