/**
 * `yibao device list` — serial ports and HID devices present;
 * `yibao device read [--driver dll|serial|hid|keyboard|manual] [--lib PATH] [--port P] …` — one read,
 * printed parsed and masked (unless --show), with the 1101 input it maps to.
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { YibaoError } from '../../core/errors';
import { createReader, type ReaderOverrides } from '../../devices/create-reader';
import { listHidDevices, listSerialPorts } from '../../devices/enumerate';
import { KeyboardWedgeReader } from '../../devices/keyboard-wedge';
import { summarizeRead } from '../../devices/read-summary';
import type { CredentialKind, DriverKind, ReadRequest } from '../../devices/types';
import { printJson, printTable } from '../output';

const DRIVERS: readonly DriverKind[] = ['dll', 'serial', 'hid', 'keyboard', 'manual'];
const CREDENTIALS: readonly CredentialKind[] = ['card', 'ec', 'id'];

interface ReadOpts {
  driver?: string;
  lib?: string;
  port?: string;
  hid?: string;
  credential?: string;
  infno?: string;
  charset?: string;
  convention?: string;
  timeout?: string;
  id?: string;
  name?: string;
  show?: boolean;
  json?: boolean;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new YibaoError('E_USAGE', `${option} 只能是 ${allowed.join(' / ')}, 收到 "${value}"`);
  return value as T;
}

function overridesFrom(opts: ReadOpts): ReaderOverrides & { driver?: DriverKind } {
  const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 100 || timeout > 600_000)) {
    throw new YibaoError('E_USAGE', `--timeout 应为 100–600000 之间的毫秒数, 收到 "${opts.timeout}"`);
  }
  const driver = oneOf(opts.driver, DRIVERS, '--driver') ?? (opts.id !== undefined ? 'manual' : undefined);
  return {
    driver,
    dllPath: opts.lib,
    serialPath: opts.port,
    hidPath: opts.hid,
    credential: oneOf(opts.credential, CREDENTIALS, '--credential'),
    charset: oneOf(opts.charset, ['gbk', 'utf8'] as const, '--charset'),
    convention: oneOf(opts.convention, ['stdcall', 'cdecl'] as const, '--convention'),
    timeoutMs: timeout,
  };
}

/** A keyboard wedge types into the terminal: the first line on stdin is the scan. */
function firstStdinLine(): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin });
    let done = false;
    const finish = (line: string) => {
      if (done) return;
      done = true;
      rl.close();
      resolve(line);
    };
    rl.once('line', finish);
    rl.once('close', () => finish(''));
  });
}

export function registerDevice(program: Command): void {
  const device = program.command('device').description('读卡器 / 扫码枪 / 安全控件');

  device
    .command('list')
    .description('列出本机的串口和 HID 设备')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      const [serial, hid] = await Promise.all([listSerialPorts(), listHidDevices()]);
      if (opts.json) {
        printJson({ serial, hid });
        return;
      }
      const hex = (n: number) => n.toString(16).padStart(4, '0');
      process.stdout.write(`串口 (${serial.source}): ${serial.items.length} 个\n`);
      if (serial.note) process.stdout.write(`  注: ${serial.note}\n`);
      if (serial.items.length > 0)
        printTable(
          serial.items.map((p) => ({ 路径: p.path, 厂商: p.manufacturer, VID: p.vendorId, PID: p.productId, 驱动: p.driver })),
          ['路径', '厂商', 'VID', 'PID', '驱动'],
        );
      process.stdout.write(`HID 设备 (${hid.source}): ${hid.items.length} 个\n`);
      if (hid.note) process.stdout.write(`  注: ${hid.note}\n`);
      if (hid.items.length > 0)
        printTable(
          hid.items.map((h) => ({
            VID: hex(h.vendorId),
            PID: hex(h.productId),
            产品: h.product,
            厂商: h.manufacturer,
            'HID POS 扫码枪': h.posScanner ? '是' : '',
            路径: h.path,
          })),
          ['VID', 'PID', '产品', '厂商', 'HID POS 扫码枪', '路径'],
        );
    });

  device
    .command('read')
    .description('读一次卡或码, 打印解析结果和对应的 1101 入参 (默认脱敏)')
    .option('--driver <kind>', `设备: ${DRIVERS.join(' | ')} (默认取配置 devices.driver)`)
    .option('--lib <path>', '读卡器 DLL 路径 (覆盖 devices.dll.path)')
    .option('--port <path>', '扫码枪串口 (覆盖 devices.serial.path)')
    .option('--hid <path>', 'HID 扫码枪路径 (覆盖 devices.hid.path)')
    .option('--credential <kind>', `读什么 (DLL): ${CREDENTIALS.join(' | ')}`)
    .option('--infno <code>', '安全控件: 本次就医的最后一个交易号 (如 2102、2207)')
    .option('--charset <charset>', 'gbk | utf8')
    .option('--convention <conv>', 'stdcall | cdecl')
    .option('--timeout <ms>', '本次读卡的超时 (毫秒)')
    .option('--id <number>', '手工录入: 身份证号')
    .option('--name <name>', '手工录入: 姓名')
    .option('--show', '显示完整的个人信息 (默认脱敏)')
    .option('--json', '输出 JSON')
    .action(async (opts: ReadOpts) => {
      const overrides = overridesFrom(opts);
      const { config } = loadConfig({ path: program.opts<{ config?: string }>().config });
      const reader = createReader(config, overrides);
      const request: ReadRequest = {
        ...(opts.infno ? { infno: opts.infno } : {}),
        ...(overrides.credential ? { credential: overrides.credential } : {}),
        ...(opts.id !== undefined || opts.name !== undefined
          ? { manual: { idNumber: opts.id ?? '', name: opts.name ?? '' } }
          : {}),
      };
      try {
        const show = opts.show === true;
        if (reader instanceof KeyboardWedgeReader) {
          if (!opts.json) process.stderr.write('请扫码 (键盘模式扫码枪会把内容输入到这里) …\n');
          const pending = reader.read(request);
          reader.feedLine(await firstStdinLine());
          return print(summarizeRead(await pending, show), opts.json === true, show);
        }
        print(summarizeRead(await reader.read(request), show), opts.json === true, show);
      } finally {
        await reader.close();
      }
    });
}

function print(summary: ReturnType<typeof summarizeRead>, json: boolean, show: boolean): void {
  if (json) {
    // summarizeRead already masked what --show did not ask for.
    printJson(summary, { reveal: show });
    return;
  }
  process.stdout.write(`读取成功: ${summary.kindZh} (${summary.driver}, ${summary.elapsedMs} ms)\n`);
  const width = Math.max(...summary.fields.map(([label]) => label.length));
  for (const [label, value] of summary.fields.filter(([, v]) => v !== ''))
    process.stdout.write(`  ${label.padEnd(width, '\u3000')}  ${value}\n`);
  process.stdout.write(`1101 入参: ${JSON.stringify(summary.personInfoInput)}\n`);
  if (summary.safeInfo) {
    const from = summary.safeInfo.source === 'safe-medium' ? `安全控件校验介质 (交易 ${summary.safeInfo.infno})` : '读卡器签名';
    process.stdout.write(`dev_safe_info: ${from} ${summary.safeInfo.value} (${summary.safeInfo.length} 字符)\n`);
  }
}
