/**
 * The compiled vendor-DLL double as a 四川 counter's card reader and 安全控件 (profile `safeControl`):
 * a counter of such a profile settles only a person read through the control (counter/safe-control.ts),
 * so the tests that settle under it read persons here, by the counter's own SafeControl, or get a medium
 * for one protocol-level call through the counter's own reader.
 */
import type { CounterServices } from '../../src-main/counter/counter-services';
import type { PersonContext } from '../../src-main/counter/person';
import type { Config, ConfigFile } from '../../src-main/config/schema';
import { createReader } from '../../src-main/devices/create-reader';
import type { PersonRow } from '../../src-main/sandbox/store';
import { buildNativeDouble, DoubleControl, personState } from './devices-native';

/** The config's `devices` for the double with its control export (known before a harness exists). */
export function controlDevices(): NonNullable<ConfigFile['devices']> {
  return {
    driver: 'dll',
    dll: { path: buildNativeDouble().reader, charset: 'gbk', initUser: '510100', safeMediumFunction: 'GetSafeMedium' },
    timeoutMs: 8000,
  };
}

export class ControlDouble {
  readonly double: DoubleControl;

  /** `dir`: where the double keeps its state and call log (the harness's temp dir). */
  constructor(dir: string) {
    this.double = new DoubleControl(dir);
    // No card on the reader until a test presents one (sign-in's Init needs none).
    this.double.set({ mode: 'nocard' });
    // The counter's reader host inherits the environment: that is how the double finds its state file.
    process.env['YIBAO_DOUBLE_STATE'] = this.double.statePath;
  }

  /** The config's `devices` for the double with its control export. */
  get devices(): NonNullable<ConfigFile['devices']> {
    return controlDevices();
  }

  /** The person whose card is on the reader next (a refund reads it again through the control). */
  present(person: PersonRow): void {
    this.double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
  }

  /** 读卡 of a visit as the cashier's F5 does it: 1101 with the card, the medium for the visit's last code. */
  async readVisit(services: CounterServices, person: PersonRow): Promise<PersonContext> {
    this.present(person);
    return services.safeControl.readVisit('card');
  }

  /** The 校验介质 the control gives for a call of `infno` (protocol-level tests pass it as dev_safe_info). */
  async mediumFor(config: Config, person: PersonRow, infno: string): Promise<string> {
    this.present(person);
    const reader = createReader(config);
    try {
      const read = await reader.read({ credential: 'card', infno });
      if (read.safeInfo?.source !== 'safe-medium') throw new Error(`the double gave no 安全控件 medium for ${infno}`);
      return read.safeInfo.value;
    } finally {
      await reader.close();
    }
  }

  close(): void {
    delete process.env['YIBAO_DOUBLE_STATE'];
  }
}
