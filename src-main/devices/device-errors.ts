/**
 * Every way a device read can fail, each with its own code and a Chinese message that tells the
 * cashier (or the IT person) what is wrong and what to do. Details never carry personal data.
 */
import { YibaoError } from '../core/errors';
import type { CredentialKind } from './types';

export const DEVICE_ERROR_CODES = [
  'E_DEVICE_NOT_CONFIGURED',
  'E_DEVICE_DLL_NOT_FOUND',
  'E_DEVICE_DLL_ARCH',
  'E_DEVICE_DLL_INVALID',
  'E_DEVICE_DLL_LOAD',
  'E_DEVICE_FUNCTION_MISSING',
  'E_DEVICE_INIT_FAILED',
  'E_DEVICE_VENDOR_ERROR',
  'E_DEVICE_NO_CARD',
  'E_DEVICE_CARD_REMOVED',
  'E_DEVICE_UNREADABLE',
  'E_DEVICE_TIMEOUT',
  'E_DEVICE_CANCELLED',
  'E_DEVICE_HOST_CRASHED',
  'E_DEVICE_PORT_NOT_FOUND',
  'E_DEVICE_PORT_BUSY',
  'E_DEVICE_PORT_ERROR',
  'E_DEVICE_HID_OPEN',
  'E_DEVICE_ENCODING',
  'E_DEVICE_ENTRY_INVALID',
  'E_DEVICE_SAFE_MEDIUM_MISMATCH',
  'E_DEVICE_SAFE_CONTROL_ABSENT',
  'E_DEVICE_SAFE_CONTROL_REFUSED',
  'E_DEVICE_CLOSED',
] as const;
export type DeviceErrorCode = (typeof DEVICE_ERROR_CODES)[number];

export class DeviceError extends YibaoError {
  constructor(code: DeviceErrorCode, messageZh: string, detail: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, messageZh, detail, options);
    this.name = 'DeviceError';
  }
  declare readonly code: DeviceErrorCode;
}

export function isDeviceError(e: unknown, code?: DeviceErrorCode): e is DeviceError {
  return e instanceof DeviceError && (code === undefined || e.code === code);
}

export const WHAT: Record<CredentialKind, string> = { card: '社保卡', ec: '医保电子凭证', id: '身份证' };

export function notConfigured(setting: string, what: string): DeviceError {
  return new DeviceError('E_DEVICE_NOT_CONFIGURED', `${what}尚未设置 (配置项 ${setting}), 请在设置中填写后再读卡`, { setting });
}

export function dllNotFound(path: string): DeviceError {
  return new DeviceError(
    'E_DEVICE_DLL_NOT_FOUND',
    `找不到读卡器动态库 ${path}; 请确认读卡器厂商驱动已安装, 并在设置中填写正确的 DLL 路径`,
    { path },
  );
}

export function functionMissing(path: string, name: string): DeviceError {
  return new DeviceError(
    'E_DEVICE_FUNCTION_MISSING',
    `读卡器动态库 ${path} 中没有函数 ${name}; 该 DLL 可能不是医保读卡 DLL 或版本不对, 请向厂商确认`,
    { path, function: name },
  );
}

export function timedOut(fn: string, ms: number): DeviceError {
  return new DeviceError(
    'E_DEVICE_TIMEOUT',
    `读卡器在 ${ms / 1000} 秒内没有响应 (${fn}), 已中止; 请检查读卡器连接, 必要时拔插读卡器后重试`,
    { function: fn, timeoutMs: ms },
  );
}

export function cancelled(): DeviceError {
  return new DeviceError('E_DEVICE_CANCELLED', '已取消读卡');
}

export function noCard(kind: CredentialKind, vendor?: { code: number | string; message: string }): DeviceError {
  const text = {
    card: '读卡器中没有社保卡, 请插卡后重试',
    ec: '没有扫到医保电子凭证二维码, 请患者出示后重试',
    id: '没有读到身份证, 请放好身份证后重试',
  }[kind];
  return new DeviceError('E_DEVICE_NO_CARD', text, vendor ? { vendorCode: vendor.code, vendorMessage: vendor.message } : {});
}

export function unreadable(what: string, reason: string, detail: Record<string, unknown> = {}): DeviceError {
  return new DeviceError('E_DEVICE_UNREADABLE', `${what}数据无法识别: ${reason}; 请重新读卡, 仍不行请检查读卡器设置`, detail);
}

export function closed(): DeviceError {
  return new DeviceError('E_DEVICE_CLOSED', '读卡器已关闭');
}
