/**
 * 拼音首字母 of a name, for rows the center sends without them (the institution's own items,
 * departments, doctors, diagnoses). pinyin-pro reads the name as words, so a 多音字 takes the
 * reading of its word (重庆 → CQ, 银行 → YH, 行走 → XZ). Letters and digits in the name stay as
 * they are ("维生素B6片" → WSSB6P); punctuation is dropped.
 */
import { pinyin } from 'pinyin-pro';

const KEPT = /^[\p{L}\p{N}]$/u;

/** Upper-case initials of `name` ('' when it has no letters, digits or ideographs). */
export function deriveInitials(name: string): string {
  const parts = pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' });
  let out = '';
  for (const p of parts) if (KEPT.test(p)) out += p;
  return out.toUpperCase();
}

/** The center's initials when it sent them, else derived from the name. */
export function initialsOf(name: string, pinyinFromCenter: string | null | undefined): string {
  const given = pinyinFromCenter?.trim();
  return given ? given.toUpperCase() : deriveInitials(name);
}
