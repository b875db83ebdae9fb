/** Electron's safeStorage as the config's SecretSealer (DPAPI on Windows, Keychain / libsecret elsewhere). */
import { safeStorage } from 'electron';
import type { SecretSealer } from '../config/gateway-secret';

export const safeStorageSealer: SecretSealer = {
  available: () => safeStorage.isEncryptionAvailable(),
  seal: (plain) => safeStorage.encryptString(plain),
  unseal: (sealed) => safeStorage.decryptString(sealed),
};
