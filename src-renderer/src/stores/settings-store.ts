/** 设置: center, institution and region profile (saved to the config file, counter reopened), devices. */
import { create } from 'zustand';
import type { ApiArgs, DevicesView, DeviceTestResult, PrinterInfo, SettingsView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

interface SettingsState {
  settings: SettingsView | null;
  devices: DevicesView | null;
  /** The system's printers (Electron); empty in a browser, which asks in its own print dialog. */
  printers: readonly PrinterInfo[];
  saving: boolean;
  saved: boolean;
  /** What the last save did to the sign-in (switching institution or center), said on the screen. */
  savedNote: string;
  testing: boolean;
  test: DeviceTestResult | null;
  testError: UiError | null;
  error: UiError | null;
  load(): Promise<void>;
  save(patch: ApiArgs<'settings.save'>): Promise<boolean>;
  testReader(): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  devices: null,
  printers: [],
  saving: false,
  saved: false,
  savedNote: '',
  testing: false,
  test: null,
  testError: null,
  error: null,
  async load() {
    try {
      const [settings, devices, printers] = await Promise.all([
        call('settings.get', {}),
        call('devices.info', {}),
        call('receipt.printers', {}),
      ]);
      set({ settings, devices, printers, error: null });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  async save(patch) {
    set({ saving: true, saved: false, error: null });
    try {
      const out = await call('settings.save', patch);
      set({ settings: out.settings, saved: true, savedNote: out.switched.text, devices: await call('devices.info', {}) });
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
  async testReader() {
    set({ testing: true, test: null, testError: null });
    try {
      set({ test: await call('devices.test', {}) });
    } catch (e) {
      set({ testError: uiError(e) });
    } finally {
      set({ testing: false });
    }
  },
}));
