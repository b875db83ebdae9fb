/**
 * The configured identification device (config `devices`, src-main/devices/) as the settings screen
 * shows it, and its "test reader" (one read, summarised and masked). The 读卡 of a visit goes through
 * safe-control.ts, which adds the region's 安全控件.
 */
import type { Config } from '../config/schema';
import { createReader } from '../devices/create-reader';
import { summarizeRead } from '../devices/read-summary';
import type { DevicesView } from './views';

const DRIVER_LABEL: Record<Config['devices']['driver'], string> = {
  dll: '读卡器动态库 (社保卡 / 电子凭证)',
  serial: '串口扫码枪',
  hid: '扫码枪 (设备直连)',
  keyboard: '键盘模式扫码枪 / 读卡器',
  manual: '手工录入身份证号',
};

/** Drivers the 读卡 screen reads through the main side (manual and keyboard are typed into the screen). */
export function readsOnMainSide(config: Config): boolean {
  return config.devices.driver === 'dll' || config.devices.driver === 'serial' || config.devices.driver === 'hid';
}

export async function testRead(config: Config): Promise<{ kind: string; fields: (readonly [string, string])[] }> {
  const reader = createReader(config);
  try {
    const summary = summarizeRead(await reader.read({}), false);
    return { kind: summary.kindZh, fields: [...summary.fields] };
  } finally {
    await reader.close();
  }
}

export function devicesView(config: Config): DevicesView {
  const configured = config.devices.driver;
  const mainSide = readsOnMainSide(config);
  return {
    configured: { code: configured, label: DRIVER_LABEL[configured] },
    readsOnMainSide: mainSide,
    timeoutMs: config.devices.timeoutMs,
    options: (Object.keys(DRIVER_LABEL) as Config['devices']['driver'][]).map((id) => ({
      id,
      label: DRIVER_LABEL[id],
      available: id === 'manual' || id === 'keyboard' || id === configured,
      note:
        id === 'manual'
          ? '读卡页「身份证」: 输入身份证号和姓名'
          : id === 'keyboard'
            ? '读卡页「扫码 / 刷卡」: 扫码枪或键盘模式读卡器把内容输入到扫码框'
            : id === configured
              ? '已在配置文件中设置; 读卡页「读卡器读卡」和下方「测试读卡器」使用它'
              : '由维护人员在配置文件的读卡设备部分设置后可用',
    })),
  };
}
