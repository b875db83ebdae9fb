/** Errors of the catalogue sync, each naming the catalogue (and the line, for file content). */
import { YibaoError } from '../core/errors';
import { catalogueLabel } from './catalogues';

/** A download file that cannot be imported; what was imported before stays. */
export function fileError(infno: string, filename: string, what: string, line?: number): YibaoError {
  const where = line === undefined ? '' : ` 第 ${line} 行`;
  return new YibaoError(
    'E_CATALOGUE_FILE',
    `目录 ${catalogueLabel(infno)} 的文件 ${filename}${where}: ${what}; 该文件未导入完成 (本地版本不变), 已导入的数据保留, 请稍后重新同步`,
    { infno, filename, ...(line === undefined ? {} : { line }) },
  );
}

/** A paged answer that cannot be imported. */
export function pageError(infno: string, page: number, what: string): YibaoError {
  return new YibaoError(
    'E_CATALOGUE_PAGE',
    `目录 ${catalogueLabel(infno)} 第 ${page} 页: ${what}; 该页未导入, 已导入的数据保留, 请稍后重新同步`,
    { infno, page },
  );
}

/** The sync was stopped (abort signal); everything committed so far stays and the next sync continues. */
export function abortedError(infno: string): YibaoError {
  return new YibaoError(
    'E_CATALOGUE_ABORTED',
    `目录同步已中断 (${catalogueLabel(infno)}); 已导入的数据保留, 再次同步会从中断处继续`,
    {
      infno,
    },
  );
}
