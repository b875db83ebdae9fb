import { describe, expect, it } from 'vitest';
import { maskCardNo, maskFreeText, maskIdNumber, maskJsonText, maskName, maskPersonalData } from '../../src-main/core/mask';

describe('masking personal data', () => {
  it('keeps only what identifies a record to a person who already knows it', () => {
    expect(maskIdNumber('420102198510167293')).toBe('420102********7293');
    expect(maskName('曹勇航')).toBe('曹**');
    expect(maskName('李')).toBe('*');
    expect(maskCardNo('B26729905')).toBe('*****9905');
  });

  it('masks the protocol fields at any depth and leaves the rest alone', () => {
    const envelope = {
      infno: '1101',
      input: {
        data: {
          mdtrt_cert_no: '420102198510167293',
          certno: '420102198510167293',
          psn_name: '曹勇航',
          card_sn: '420100D15600000572538C9867F4AC30',
        },
      },
      output: { baseinfo: [{ psn_no: '42010033522957000001', psn_name: '曹勇航' }] },
    };
    const masked = maskPersonalData(envelope) as typeof envelope;
    expect(masked.input.data).toEqual({
      mdtrt_cert_no: '420102********7293',
      certno: '420102********7293',
      psn_name: '曹**',
      card_sn: `${'*'.repeat(28)}AC30`,
    });
    expect(masked.output.baseinfo[0]).toEqual({ psn_no: '420100**********0001', psn_name: '曹**' });
    expect(masked.infno).toBe('1101');
    expect(maskJsonText(JSON.stringify(envelope))).not.toContain('曹勇航');
    expect(maskJsonText('not json')).toBe('not json');
  });

  it('masks birth dates to the year and ID numbers inside free text', () => {
    expect(maskPersonalData({ brdy: '1985-10-16', tel: '13800138000' })).toEqual({ brdy: '1985-**-**', tel: '*******8000' });
    expect(maskFreeText('人员 420102198510167293 不在参保期 (卡 42010219851016729X1)')).toBe(
      '人员 420102********7293 不在参保期 (卡 42010219851016729X1)',
    );
  });
});
