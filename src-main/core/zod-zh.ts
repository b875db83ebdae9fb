/**
 * zod's default messages are English ("Expected number, received string"); the cashier and the
 * clinic's IT person read Chinese. Importing this module switches every schema's default messages
 * to zod's zh-CN locale with the JavaScript type names said in Chinese too. Messages a schema
 * states itself (most of the contract's and the config's) are untouched.
 */
import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  bigint: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  null: '空值 (null)',
  undefined: '未填写',
  nan: '非数字',
  date: '日期',
  function: '函数',
  symbol: '符号',
};

const zhCN = z.locales.zhCN().localeError;

/** zh-CN message with type names translated ("期望 数字，实际接收 文字"). */
export function chineseZodMessage(issue: Parameters<typeof zhCN>[0]): string | undefined {
  const base = zhCN(issue);
  const message = typeof base === 'string' ? base : base?.message;
  if (message === undefined) return undefined;
  return message.replace(/(期望|实际接收)\s*([a-zA-Z]+)/g, (whole, lead: string, type: string) => {
    const zh = TYPE_NAMES[type.toLowerCase()];
    return zh ? `${lead} ${zh}` : whole;
  });
}

z.config({ localeError: chineseZodMessage });
