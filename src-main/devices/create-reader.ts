/**
 * The reader the config asks for (`devices` section), with the CLI's / settings screen's overrides.
 * One place, so `yibao device read`, the app and the UI's "test reader" button read the same way.
 */
import type { Config } from '../config/schema';
import type { Charset } from './charset';
import { DllReader } from './dll/dll-reader';
import { KeyboardWedgeReader } from './keyboard-wedge';
import { ManualEntryReader } from './manual-reader';
import { HidScannerReader, type HidOpener, type HidTarget } from './scanner/hid-reader';
import { SerialScannerReader } from './scanner/serial-reader';
import type { CredentialKind, DriverKind, Reader } from './types';

export interface ReaderOverrides {
  readonly driver?: DriverKind;
  readonly dllPath?: string;
  readonly serialPath?: string;
  readonly hidPath?: string;
  readonly charset?: Charset;
  readonly convention?: 'stdcall' | 'cdecl';
  readonly credential?: CredentialKind;
  readonly timeoutMs?: number;
  /** Environment of a DLL host process. */
  readonly env?: NodeJS.ProcessEnv;
  readonly hidOpen?: HidOpener;
}

export function createReader(config: Config, overrides: ReaderOverrides = {}): Reader {
  const d = config.devices;
  const driver = overrides.driver ?? d.driver;
  const timeoutMs = overrides.timeoutMs ?? d.timeoutMs;
  switch (driver) {
    case 'dll':
      return new DllReader({
        path: overrides.dllPath ?? d.dll.path ?? '',
        convention: overrides.convention ?? d.dll.convention,
        charset: overrides.charset ?? d.dll.charset,
        initUrl: d.dll.initUrl,
        initUser: d.dll.initUser,
        defaultCredential: overrides.credential ?? d.dll.read,
        ec: { ...d.dll.ec, orgId: config.institution.fixmedinsCode },
        safeMediumFunction: d.dll.safeMediumFunction,
        timeoutMs,
        env: overrides.env,
      });
    case 'serial':
      return new SerialScannerReader({
        path: overrides.serialPath ?? d.serial.path ?? '',
        baudRate: d.serial.baudRate,
        charset: overrides.charset ?? d.serial.charset,
        idleMs: d.serial.idleMs,
        timeoutMs,
      });
    case 'hid': {
      const path = overrides.hidPath ?? d.hid.path;
      const target: HidTarget | null = path
        ? { path }
        : d.hid.vendorId !== null && d.hid.productId !== null
          ? { vendorId: d.hid.vendorId, productId: d.hid.productId }
          : null;
      return new HidScannerReader({
        target,
        charset: overrides.charset ?? d.hid.charset,
        idleMs: d.hid.idleMs,
        timeoutMs,
        open: overrides.hidOpen,
      });
    }
    case 'keyboard':
      return new KeyboardWedgeReader(d.keyboard, timeoutMs);
    case 'manual':
      return new ManualEntryReader();
  }
}
