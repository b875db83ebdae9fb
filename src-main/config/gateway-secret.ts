/**
 * The TIF gateway secret at rest. An IT person writes it into config.json as `secret`; the desktop
 * app seals it with Electron's safeStorage (DPAPI on Windows, bound to the Windows user) at its next
 * start and keeps only `secretProtected` in the file. The CLI and web mode have no safeStorage: they
 * use a plain `secret` (the file is 0600 there) and say clearly when they meet a sealed one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { YibaoError } from '../core/errors';
import type { GatewayCredentials } from '../protocol/gateway-signature';
import type { Config, ConfigFile } from './schema';
import { saveConfig } from './load';
import { parseJsonText } from '../core/bom';

export const SEALED_PREFIX = 'safeStorage:';

/** Electron's safeStorage, as the config needs it (a test passes a stand-in). */
export interface SecretSealer {
  available(): boolean;
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

type GatewayConfig = NonNullable<Config['center']['gateway']>;

/** The credentials the center client signs with; a sealed secret needs the sealer that sealed it. */
export function gatewayCredentials(gateway: GatewayConfig | null, sealer: SecretSealer | null): GatewayCredentials | null {
  if (!gateway) return null;
  const { paasid, serviceId } = gateway;
  const withService = (secret: string): GatewayCredentials => ({ paasid, secret, ...(serviceId ? { serviceId } : {}) });
  if (gateway.secret !== undefined) return withService(gateway.secret);
  const sealed = Buffer.from((gateway.secretProtected ?? '').slice(SEALED_PREFIX.length), 'base64');
  if (!sealer || !sealer.available()) {
    throw new YibaoError(
      'E_GATEWAY_SECRET_SEALED',
      '网关密钥已由桌面程序加密保存 (Windows 数据保护), 只有本机本用户的桌面程序能解开; 命令行或网页模式请在配置中写明文 secret',
    );
  }
  try {
    return withService(sealer.unseal(sealed));
  } catch (cause) {
    throw new YibaoError(
      'E_GATEWAY_SECRET_UNSEAL',
      '网关密钥无法解密: 配置文件可能来自另一台电脑或另一个 Windows 用户; 请在配置中重新写入明文 secret, 程序下次启动会重新加密',
      {},
      { cause },
    );
  }
}

/**
 * Replaces a plain `center.gateway.secret` in the config file with its sealed form. Returns true when
 * the file changed. Nothing happens without an available sealer (the secret then stays as written).
 */
export function sealGatewaySecretInFile(path: string, sealer: SecretSealer): boolean {
  if (!existsSync(path) || !sealer.available()) return false;
  const file = parseJsonText(readFileSync(path, 'utf8')) as ConfigFile;
  const gateway = file.center?.gateway;
  if (!gateway || typeof gateway.secret !== 'string') return false;
  const { secret, ...rest } = gateway;
  const secretProtected = SEALED_PREFIX + sealer.seal(secret).toString('base64');
  saveConfig(path, { ...file, center: { ...file.center, gateway: { ...rest, secretProtected } } });
  return true;
}
