/**
 * Which machine a library is for, from crafted ELF / PE headers (every combination the counter can meet
 * on Windows and Linux), and the refusal messages for a library this process cannot load.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLibraryLoadable, libraryHeaderOf } from '../../src-main/devices/library-arch';
import { isDeviceError } from '../../src-main/devices/device-errors';
import { rejectionOf } from '../helpers/rejection';
import { makeTempDir } from '../helpers/temp-dir';

function elf(bits: 1 | 2, machine: number, bigEndian = false): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, bits, bigEndian ? 2 : 1, 1]);
  if (bigEndian) b.writeUInt16BE(machine, 18);
  else b.writeUInt16LE(machine, 18);
  return b;
}

function pe(machine: number, peOffset = 0xe8): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(peOffset, 0x3c);
  b.write('PE\0\0', peOffset, 'latin1');
  b.writeUInt16LE(machine, peOffset + 4);
  return b;
}

const temp = makeTempDir('yibao-arch-');
afterAll(() => temp.cleanup());
let n = 0;
function file(bytes: Buffer): string {
  const path = join(temp.dir, `lib${n++}`);
  writeFileSync(path, bytes);
  return path;
}

const refusal = (p: Promise<unknown>) => rejectionOf(p, isDeviceError);

describe('library headers', () => {
  it.each([
    ['ELF 32-bit i386', elf(1, 3), { format: 'elf', arch: 'ia32', bits: 32, machine: 3 }],
    ['ELF 64-bit x86-64', elf(2, 62), { format: 'elf', arch: 'x64', bits: 64, machine: 62 }],
    ['ELF 64-bit aarch64', elf(2, 183), { format: 'elf', arch: 'arm64', bits: 64, machine: 183 }],
    ['ELF 32-bit ARM', elf(1, 40), { format: 'elf', arch: 'arm', bits: 32, machine: 40 }],
    ['ELF 64-bit big-endian s390x', elf(2, 22, true), { format: 'elf', arch: 's390x', bits: 64, machine: 22 }],
    ['PE32 i386 (the usual vendor DLL)', pe(0x014c), { format: 'pe', arch: 'ia32', bits: 32, machine: 0x014c }],
    ['PE32+ x64', pe(0x8664), { format: 'pe', arch: 'x64', bits: 64, machine: 0x8664 }],
    ['PE32+ ARM64', pe(0xaa64, 0x80), { format: 'pe', arch: 'arm64', bits: 64, machine: 0xaa64 }],
  ])('%s', (_what, bytes, expected) => {
    expect(libraryHeaderOf(bytes)).toEqual(expected);
  });

  it('text, an MZ file without a PE header, and a short file are unknown', () => {
    expect(
      libraryHeaderOf(Buffer.from('hello, this is not a library at all; it is a text file that is long enough')).format,
    ).toBe('unknown');
    const mz = pe(0x014c);
    mz.write('XX', 0xe8, 'latin1');
    expect(libraryHeaderOf(mz).format).toBe('unknown');
    expect(libraryHeaderOf(Buffer.from([0x7f, 0x45])).format).toBe('unknown');
  });
});

describe('refusing what this process cannot load', () => {
  it('a 32-bit Windows DLL in a 64-bit counter: install the ia32 build or get a 64-bit DLL', async () => {
    const e = await refusal(checkLibraryLoadable(file(pe(0x014c)), 'x64', 'win32'));
    expect(e.code).toBe('E_DEVICE_DLL_ARCH');
    expect(e.messageZh).toContain('是 32 位的, 而收银台是 64 位程序');
    expect(e.messageZh).toContain('32 位 (ia32) 版本的收银台');
    expect(e.messageZh).toContain('64 位的 DLL');
  });

  it('a 64-bit DLL in a 32-bit counter: the other way round', async () => {
    const e = await refusal(checkLibraryLoadable(file(pe(0x8664)), 'ia32', 'win32'));
    expect(e.messageZh).toContain('是 64 位的, 而收银台是 32 位程序');
  });

  it('same width, other machine (an ARM64 DLL on x64)', async () => {
    const e = await refusal(checkLibraryLoadable(file(pe(0xaa64)), 'x64', 'win32'));
    expect(e.code).toBe('E_DEVICE_DLL_ARCH');
    expect(e.messageZh).toContain('arm64');
  });

  it('a Windows DLL on Linux and a Linux .so on Windows', async () => {
    expect((await refusal(checkLibraryLoadable(file(pe(0x8664)), 'x64', 'linux'))).code).toBe('E_DEVICE_DLL_INVALID');
    expect((await refusal(checkLibraryLoadable(file(elf(2, 62)), 'x64', 'win32'))).messageZh).toContain('Linux 的 .so');
  });

  it('matching libraries pass; unknown headers are left to the loader', async () => {
    expect((await checkLibraryLoadable(file(pe(0x014c)), 'ia32', 'win32')).arch).toBe('ia32');
    expect((await checkLibraryLoadable(file(elf(2, 62)), 'x64', 'linux')).arch).toBe('x64');
    expect((await checkLibraryLoadable(file(Buffer.from('#!/bin/sh\n')), 'x64', 'linux')).format).toBe('unknown');
  });

  it('a missing file is E_DEVICE_DLL_NOT_FOUND with the path', async () => {
    const e = await refusal(checkLibraryLoadable(join(temp.dir, 'nope', 'SSCard.dll')));
    expect(e.code).toBe('E_DEVICE_DLL_NOT_FOUND');
    expect(e.detail).toEqual({ path: join(temp.dir, 'nope', 'SSCard.dll') });
  });
});
