/**
 * What is plugged in: serial ports and HID devices, for `yibao device list` and the settings screen.
 * Each list says where it came from; a list that cannot be had says why instead of failing the other.
 */
import { readdirSync, existsSync, readlinkSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface SerialPortEntry {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly driver: string | null;
}

export interface HidDeviceEntry {
  readonly path: string | null;
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturer: string | null;
  readonly product: string | null;
  readonly usagePage: number | null;
  readonly usage: number | null;
  /** Usage page 0x8C: a scanner in HID POS mode (what devices.hid reads). */
  readonly posScanner: boolean;
}

export interface DeviceList<T> {
  readonly items: readonly T[];
  /** serialport | sysfs | node-hid | unavailable */
  readonly source: string;
  /** Why the list is incomplete or missing, in Chinese; null when all is well. */
  readonly note: string | null;
}

/** The names serialport's Linux lister accepts as serial devices. */
const LINUX_SERIAL = /^(tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d*|rfcomm\d+)$/;

/**
 * Serial ports via serialport's SerialPort.list(). On Linux that runs `udevadm`; where it is missing
 * (containers, minimal installs) the ports are read from /sys/class/tty instead.
 */
export async function listSerialPorts(sysClassTty = '/sys/class/tty'): Promise<DeviceList<SerialPortEntry>> {
  let reason: string;
  try {
    const { SerialPort } = await import('serialport');
    const ports = await SerialPort.list();
    return {
      items: ports.map((p) => ({
        path: p.path,
        manufacturer: p.manufacturer ?? null,
        vendorId: p.vendorId ?? null,
        productId: p.productId ?? null,
        driver: null,
      })),
      source: 'serialport',
      note: null,
    };
  } catch (e) {
    reason = (e as Error).message;
  }
  if (process.platform === 'linux' && existsSync(sysClassTty)) {
    return {
      items: listSysfsSerial(sysClassTty),
      source: 'sysfs',
      note: `serialport 无法列出串口 (${reason}), 改从 ${sysClassTty} 读取`,
    };
  }
  return { items: [], source: 'unavailable', note: `无法列出串口: ${reason}` };
}

/** Serial devices the kernel registered (a tty with a `device` link), e.g. ttyS0, ttyUSB0, ttyACM0. */
export function listSysfsSerial(sysClassTty: string): SerialPortEntry[] {
  const out: SerialPortEntry[] = [];
  for (const name of readdirSync(sysClassTty).sort()) {
    if (!LINUX_SERIAL.test(name)) continue;
    const device = join(sysClassTty, name, 'device');
    if (!existsSync(device)) continue;
    out.push({ path: `/dev/${name}`, manufacturer: null, vendorId: null, productId: null, driver: driverOf(device) });
  }
  return out;
}

function driverOf(device: string): string | null {
  try {
    return basename(readlinkSync(join(device, 'driver')));
  } catch {
    return null;
  }
}

export async function listHidDevices(): Promise<DeviceList<HidDeviceEntry>> {
  try {
    const HID = await import('node-hid');
    const devices = await HID.devicesAsync();
    return {
      items: devices.map((d) => ({
        path: d.path ?? null,
        vendorId: d.vendorId,
        productId: d.productId,
        manufacturer: d.manufacturer ?? null,
        product: d.product ?? null,
        usagePage: d.usagePage ?? null,
        usage: d.usage ?? null,
        posScanner: d.usagePage === 0x8c,
      })),
      source: 'node-hid',
      note: null,
    };
  } catch (e) {
    return { items: [], source: 'unavailable', note: `无法列出 HID 设备: ${(e as Error).message}` };
  }
}
