/**
 * Which machine a shared library is built for, read from its header (ELF e_machine / PE COFF Machine),
 * so a 32-bit vendor DLL in the 64-bit counter is reported for what it is instead of as a cryptic
 * loader error ("%1 is not a valid Win32 application", "wrong ELF class").
 */
import { open } from 'node:fs/promises';
import { DeviceError, dllNotFound } from './device-errors';

export interface LibraryHeader {
  readonly format: 'elf' | 'pe' | 'unknown';
  /** In process.arch terms (ia32, x64, arm64, arm, riscv64 …); null when the machine is not one Node runs on. */
  readonly arch: string | null;
  readonly bits: 32 | 64 | null;
  /** The raw machine number, for the log. */
  readonly machine: number | null;
}

const ELF_MACHINES: Record<number, { 32: string | null; 64: string | null }> = {
  3: { 32: 'ia32', 64: null },
  62: { 32: null, 64: 'x64' },
  40: { 32: 'arm', 64: null },
  183: { 32: null, 64: 'arm64' },
  243: { 32: 'riscv32', 64: 'riscv64' },
  8: { 32: 'mips', 64: 'mips64' },
  21: { 32: null, 64: 'ppc64' },
  22: { 32: null, 64: 's390x' },
  258: { 32: null, 64: 'loong64' },
};

const PE_MACHINES: Record<number, { arch: string; bits: 32 | 64 }> = {
  0x014c: { arch: 'ia32', bits: 32 },
  0x8664: { arch: 'x64', bits: 64 },
  0xaa64: { arch: 'arm64', bits: 64 },
  0x01c4: { arch: 'arm', bits: 32 },
};

const UNKNOWN: LibraryHeader = { format: 'unknown', arch: null, bits: null, machine: null };

/** Reads the header fields from the first bytes of a library (at least 64; PE needs up to its e_lfanew + 6). */
export function libraryHeaderOf(bytes: Uint8Array): LibraryHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 20 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
    const bits = bytes[4] === 1 ? 32 : bytes[4] === 2 ? 64 : null;
    const littleEndian = bytes[5] !== 2;
    const machine = view.getUint16(18, littleEndian);
    const arch = bits === null ? null : (ELF_MACHINES[machine]?.[bits] ?? null);
    return { format: 'elf', arch, bits, machine };
  }
  if (bytes.length >= 64 && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const peOffset = view.getUint32(0x3c, true);
    if (peOffset + 6 > bytes.length) return { ...UNKNOWN, format: 'pe' };
    if (view.getUint32(peOffset, false) !== 0x50450000) return UNKNOWN;
    const machine = view.getUint16(peOffset + 4, true);
    const known = PE_MACHINES[machine];
    return { format: 'pe', arch: known?.arch ?? null, bits: known?.bits ?? null, machine };
  }
  return UNKNOWN;
}

/** Reads a library's header from disk; E_DEVICE_DLL_NOT_FOUND when there is no such file. */
export async function readLibraryHeader(path: string): Promise<LibraryHeader> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw dllNotFound(path);
    throw new DeviceError(
      'E_DEVICE_DLL_LOAD',
      `无法打开读卡器动态库 ${path}: ${(cause as Error).message}`,
      { path, code },
      { cause },
    );
  }
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return libraryHeaderOf(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

const BITS_OF_ARCH: Record<string, 32 | 64> = {
  ia32: 32,
  arm: 32,
  x64: 64,
  arm64: 64,
  riscv64: 64,
  ppc64: 64,
  s390x: 64,
  loong64: 64,
};

/**
 * Refuses a library this process cannot load: missing file, not a library for this OS, or built for
 * another machine (with what to do about it). An unknown header is left to the loader.
 */
export async function checkLibraryLoadable(
  path: string,
  processArch: string = process.arch,
  platform: NodeJS.Platform = process.platform,
): Promise<LibraryHeader> {
  const header = await readLibraryHeader(path);
  if (header.format === 'unknown') return header;
  const native = platform === 'win32' ? 'pe' : platform === 'darwin' ? null : 'elf';
  if (native !== null && header.format !== native) {
    const what = header.format === 'pe' ? 'Windows 的 DLL' : 'Linux 的 .so 动态库';
    throw new DeviceError('E_DEVICE_DLL_INVALID', `${path} 是${what}, 不能在本系统上加载; 请向读卡器厂商索取本系统的驱动`, {
      path,
      format: header.format,
      platform,
    });
  }
  if (header.arch === processArch) return header;
  const libBits = header.bits;
  const procBits = BITS_OF_ARCH[processArch] ?? null;
  const detail = { path, libraryArch: header.arch, libraryBits: libBits, machine: header.machine, processArch };
  if (libBits === 32 && procBits === 64) {
    throw new DeviceError(
      'E_DEVICE_DLL_ARCH',
      `读卡器 DLL ${path} 是 32 位的, 而收银台是 64 位程序, 无法加载。请安装 32 位 (ia32) 版本的收银台, 或向读卡器厂商索取 64 位的 DLL`,
      detail,
    );
  }
  if (libBits === 64 && procBits === 32) {
    throw new DeviceError(
      'E_DEVICE_DLL_ARCH',
      `读卡器 DLL ${path} 是 64 位的, 而收银台是 32 位程序, 无法加载。请安装 64 位 (x64) 版本的收银台, 或向读卡器厂商索取 32 位的 DLL`,
      detail,
    );
  }
  throw new DeviceError(
    'E_DEVICE_DLL_ARCH',
    `读卡器 DLL ${path} 是为 ${header.arch ?? `机器类型 0x${(header.machine ?? 0).toString(16)}`} 编译的, 本机收银台是 ${processArch}, 无法加载; 请向厂商索取 ${processArch} 版本的 DLL`,
    detail,
  );
}
