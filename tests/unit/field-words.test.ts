import { describe, expect, it } from 'vitest';
import { fieldNamesInChinese } from '../../src-main/counter/field-words';

describe('center messages on screen name fields in Chinese (issue 17.8)', () => {
  it('drops a field name the message already says in Chinese', () => {
    expect(fieldNamesInChinese('姓名 psn_name 与证件号码对应的参保人不符')).toBe('姓名与证件号码对应的参保人不符');
    expect(fieldNamesInChinese('每页条数 page_size 最多 1000')).toBe('每页条数最多 1000');
  });

  it('puts the Chinese name where the message gives only the field name', () => {
    expect(fieldNamesInChinese('入参 fixmedins_code 与报文头机构编码不一致')).toBe('入参机构编码与报文头机构编码不一致');
    expect(fieldNamesInChinese('psn_no 不能为空')).toBe('人员编号不能为空');
    expect(fieldNamesInChinese('明细对账文件第 3 行缺少 setl_id')).toBe('明细对账文件第 3 行缺少结算ID');
    expect(fieldNamesInChinese('明细流水号 feedetl_sn F0001 已上传')).toBe('明细流水号 F0001 已上传');
  });

  it('leaves codes, numbers and unknown names alone', () => {
    expect(fieldNamesInChinese('医保中心拒绝了交易 2101A: 结算ID S123 不存在')).toBe(
      '医保中心拒绝了交易 2101A: 结算ID S123 不存在',
    );
    expect(fieldNamesInChinese('some_field 不对')).toBe('some_field 不对');
  });
});
