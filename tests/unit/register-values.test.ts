/**
 * The light forms without the screen: what is wrong before 2201 or a read by ID, and which departments or
 * doctors a text finds.
 */
import { describe, expect, it } from 'vitest';
import { missingFields } from '../../src-renderer/src/components/plain-form';
import {
  isWholePick,
  matchingRows,
  registerProblems,
  trimmedValues,
} from '../../src-renderer/src/screens/clinic/register-values';

const filled = { medType: '11', deptCode: 'NK01', deptName: '内科', caty: 'A03', doctorCode: 'D001', doctorName: '张医生' };
const rows = [
  { code: 'NK01', name: '内科', initials: 'NK' },
  { code: 'WK01', name: '普外科', initials: 'PWK' },
  { code: 'EK01', name: '儿科', initials: 'EK' },
];

describe('registerProblems', () => {
  it('finds nothing wrong with a whole registration', () => {
    expect(registerProblems(filled)).toEqual({});
  });

  it('names each empty field, spaces counting as empty', () => {
    expect(registerProblems({ ...filled, deptCode: '', doctorName: '   ' })).toEqual({
      deptCode: '请输入科室编码',
      doctorName: '请输入医生姓名',
    });
  });

  it('takes a 科别 of 1–6 letters or digits only', () => {
    expect(registerProblems({ ...filled, caty: 'A03-1' }).caty).toBe('1–6 位字母或数字');
    expect(registerProblems({ ...filled, caty: 'A0301B7' }).caty).toBe('1–6 位字母或数字');
    expect(registerProblems({ ...filled, caty: ' A03 ' })).toEqual({});
    expect(registerProblems({ ...filled, caty: '' }).caty).toBe('请输入科别');
  });

  it('is checked on the values as they are sent: without the spaces around them', () => {
    expect(trimmedValues({ ...filled, deptCode: ' NK01 ', doctorName: '张医生\t' })).toEqual(filled);
  });
});

describe('matchingRows', () => {
  it('finds by code, name or 拼音首字母 anywhere, in any letter case', () => {
    expect(matchingRows(rows, 'nk').map((r) => r.code)).toEqual(['NK01']);
    expect(matchingRows(rows, '外').map((r) => r.code)).toEqual(['WK01']);
    expect(matchingRows(rows, 'k').map((r) => r.code)).toEqual(['NK01', 'WK01', 'EK01']);
    expect(matchingRows(rows, 'zz')).toEqual([]);
  });

  it('offers the first 30 rows for an empty field', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ code: `K${i}`, name: `科${i}`, initials: 'K' }));
    expect(matchingRows(many, '  ')).toHaveLength(30);
  });
});

describe('isWholePick', () => {
  it('is a row’s code exactly, not a part of one', () => {
    expect(isWholePick(rows, 'NK01')).toBe(true);
    expect(isWholePick(rows, 'NK0')).toBe(false);
    expect(isWholePick(rows, 'nk01')).toBe(false);
  });
});

describe('missingFields', () => {
  it('names only the fields left empty or blank, in the words given for each', () => {
    const messages = { idNumber: '请输入身份证号', name: '请输入姓名' };
    expect(missingFields({ idNumber: '420102198510167293', name: ' \t' }, messages)).toEqual({ name: '请输入姓名' });
    expect(missingFields({ idNumber: '', name: '' }, messages)).toEqual(messages);
  });
});
