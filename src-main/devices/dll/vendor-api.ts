/**
 * The vendor functions the counter calls (protocol.md §4.1 SSCard.dll, §4.4 NationECCode.dll, and the
 * 安全控件 export named in the config), their buffer sizes, and how a failure return is turned into
 * a specific error. Vendors put the error text in the first out buffer; there is no common code list,
 * so "no card" and "card removed" are recognised by their wording.
 */
import { DeviceError, noCard } from '../device-errors';
import { decodeText, untilNul, type Charset } from '../charset';
import type { CredentialKind } from '../types';
import type { DllCall } from './host-process';

/** Buffer sizes: the SSCard manual recommends 1024 for ReadCardBas and 4096 for ReadSFZ. */
export const BUFFER = { card: 1024, sign: 1024, id: 4096, qr: 4096, ecOut: 16384, medium: 2048 } as const;

type Convention = DllCall['convention'];

export function initCall(convention: Convention, url: Uint8Array, user: Uint8Array): DllCall {
  return { name: 'Init', convention, result: 'long', params: ['in', 'in'], args: [url, user] };
}

/** ReadCardBas(char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) */
export function readCardCall(convention: Convention): DllCall {
  return {
    name: 'ReadCardBas',
    convention,
    result: 'long',
    params: ['out', 'int', 'out', 'int'],
    args: [BUFFER.card, BUFFER.card, BUFFER.sign, BUFFER.sign],
  };
}

/** ReadSFZ(char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) */
export function readIdCall(convention: Convention): DllCall {
  return {
    name: 'ReadSFZ',
    convention,
    result: 'long',
    params: ['out', 'int', 'out', 'int'],
    args: [BUFFER.id, BUFFER.id, BUFFER.sign, BUFFER.sign],
  };
}

/** GetQRBase(int nTimeout, char *pOutBuff, int nOutBuffLen, char *pSignBuff, int nSignBuffLen) */
export function readQrCall(convention: Convention, timeoutSeconds: number): DllCall {
  return {
    name: 'GetQRBase',
    convention,
    result: 'long',
    params: ['int', 'out', 'int', 'out', 'int'],
    args: [timeoutSeconds, BUFFER.qr, BUFFER.qr, BUFFER.sign, BUFFER.sign],
  };
}

/** const char *NationEcTrans(const char *strUrl, const char *pindata, char *poutdata) */
export function ecTransCall(convention: Convention, url: Uint8Array, pindata: Uint8Array): DllCall {
  return { name: 'NationEcTrans', convention, result: 'string', params: ['in', 'in', 'out'], args: [url, pindata, BUFFER.ecOut] };
}

/** <name>(const char *infno, char *pOutBuff, int nOutBuffLen): the 安全控件's 校验介质 for one transaction. */
export function safeMediumCall(convention: Convention, name: string, infno: Uint8Array): DllCall {
  return { name, convention, result: 'long', params: ['in', 'out', 'int'], args: [infno, BUFFER.medium, BUFFER.medium] };
}

/** The text a vendor put in a buffer, for messages: lenient (an error text must never hide the error). */
export function vendorText(bytes: Uint8Array | undefined, charset: Charset): string {
  if (!bytes) return '';
  const raw = untilNul(bytes);
  let text: string;
  try {
    text = decodeText(raw, charset);
  } catch {
    text = new TextDecoder(charset === 'gbk' ? 'gbk' : 'utf-8').decode(raw);
  }
  return text
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, 200);
}

const NO_CARD = /无卡|未插卡|没有卡|请插卡|未检测到卡|未放置|未找到卡|寻卡失败|未扫到|没有扫到|未读到/;
const REMOVED = /拔出|移走|移开|卡片离开|卡已移/;

/** A non-success return of a vendor function, as the specific error the cashier should see. */
export function vendorFailure(kind: CredentialKind, fn: string, code: number | string, message: string): DeviceError {
  const vendor = { code, message };
  if (NO_CARD.test(message)) return noCard(kind, vendor);
  if (REMOVED.test(message)) {
    return new DeviceError('E_DEVICE_CARD_REMOVED', '读卡过程中卡片被移走, 请把卡插好后重新读卡', {
      function: fn,
      vendorCode: code,
      vendorMessage: message,
    });
  }
  return new DeviceError('E_DEVICE_VENDOR_ERROR', `读卡器返回错误 ${code} (${fn}): ${message || '厂商未给出错误说明'}`, {
    function: fn,
    vendorCode: code,
    vendorMessage: message,
  });
}
