/** From assembled scan bytes to the text a read parses, strictly in the configured charset. */
import { CharsetError, decodeText, type Charset } from '../charset';
import { unreadable } from '../device-errors';
import type { AssembledScan } from './scan-assembler';

export function scanText(scan: AssembledScan, charset: Charset): string | Error {
  if ('overflow' in scan) return unreadable('扫码', `一次扫码超过 ${scan.overflow} 字节, 不是电子凭证或社保卡数据`, {});
  try {
    return decodeText(scan.bytes, charset);
  } catch (e) {
    if (!(e instanceof CharsetError)) throw e;
    return unreadable(
      '扫码',
      `扫码枪发来的不是有效的 ${charset === 'gbk' ? 'GBK' : 'UTF-8'} 文本 (请检查扫码枪或设置中的字符集)`,
      {
        length: scan.bytes.length,
      },
    );
  }
}
