/**
 * Guards the money rule: amounts are integers; floats appear only in core/money.ts.
 * Scans the source for the constructs that produce float money bugs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = ['src-main', 'src-renderer', 'src-preload'];
const ALLOWED = new Set(['src-main/core/money.ts']);
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bparseFloat\s*\(/, 'parseFloat'],
  [/\.toFixed\s*\(/, 'toFixed (format with core/money formatYuan)'],
  [/\*\s*100\b(?!\d)/, '* 100 (yuan→fen by hand)'],
  [/\/\s*100\b(?![\d_])/, '/ 100 (fen→yuan by hand)'],
  [/Math\.round\s*\(\s*[^)]*(amt|amount|pay|fee|balc|pric)/i, 'Math.round on an amount'],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.generated.ts')) out.push(path);
  }
  return out;
}

describe('money guard', () => {
  it('finds no float arithmetic on amounts outside core/money.ts', () => {
    const offences: string[] = [];
    for (const dir of SOURCE_DIRS) {
      const files = sourceFiles(join(ROOT, dir));
      for (const file of files) {
        const rel = relative(ROOT, file).split('\\').join('/');
        if (ALLOWED.has(rel)) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/^\s*(\/\/|\*)/.test(line)) return;
            for (const [re, what] of FORBIDDEN) if (re.test(line)) offences.push(`${rel}:${i + 1}: ${what}: ${line.trim()}`);
          });
      }
    }
    expect(offences).toEqual([]);
  });

  it('would catch an offence (the scanner itself works)', () => {
    const sample = 'const fenValue = Math.round(amount * 100);';
    expect(FORBIDDEN.some(([re]) => re.test(sample))).toBe(true);
  });
});
