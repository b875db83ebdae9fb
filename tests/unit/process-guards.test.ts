/**
 * A long-running counter survives exceptions nobody caught: they are logged, masked, and the
 * process goes on. Run in a child process, since the guards are process-wide.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src-main/core/log';

describe('process guards', () => {
  it('log an uncaught exception and an unhandled rejection (masked) and keep the process alive', () => {
    const script = `
      import { installProcessGuards } from './src-main/core/log.ts';
      installProcessGuards();
      // Each step in a task of its own, after the one before has been reported (setTimeout with no delay orders the
      // steps inside the child; nothing is waited for).
      setTimeout(() => {
        setTimeout(() => {
          void Promise.reject(new TypeError('boom'));
          setTimeout(() => process.stdout.write('still alive'));
        });
        throw new Error('读卡 420102198510167293 失败');
      });
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('still alive');
    expect(r.stderr).toContain('E_UNCAUGHT');
    expect(r.stderr).toContain('420102********7293');
    expect(r.stderr).not.toContain('420102198510167293');
    expect(r.stderr).toContain('E_UNHANDLED_REJECTION');
    expect(r.stderr).toContain('TypeError: boom');
  });

  it('formats a line with code, context and message, never longer than 4000 characters', () => {
    const line = formatLogLine('E_X', new Error('x'.repeat(10_000)), 'ctx');
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T.* E_X ctx Error: x+/);
    expect(line.length).toBe(4000);
  });
});
