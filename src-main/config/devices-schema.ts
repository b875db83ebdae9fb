/**
 * `devices` in the config file: which device identifies the patient and how to reach it
 * (src-main/devices/). Every field has a default; with none set the counter uses manual entry.
 */
import { z } from 'zod';

const charset = z.enum(['gbk', 'utf8']);
const BAUD_RATES = [1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200] as const;
const usbId = z.number().int().min(0).max(0xffff).nullable().default(null);

export const devicesSchema = z
  .strictObject({
    /** What the 读卡 button uses: vendor DLL, serial QR scanner, HID POS scanner, keyboard wedge or manual entry. */
    driver: z.enum(['dll', 'serial', 'hid', 'keyboard', 'manual']).default('manual'),
    /** The longest one read may take: the watchdog of a DLL call, or the wait for a scan. */
    timeoutMs: z.number().int().min(1000).max(120_000).default(20_000),
    dll: z
      .strictObject({
        /** The vendor's reader DLL (SSCard.dll style), e.g. C:\\SSCardDriver\\SSCard.dll. */
        path: z.string().min(1).nullable().default(null),
        /** Most vendor DLLs are __stdcall (WINAPI); matters only for 32-bit Windows. */
        convention: z.enum(['stdcall', 'cdecl']).default('stdcall'),
        charset: charset.default('gbk'),
        /** Init(pUrl, pUser): the insurer's init / resource URL and the area code. */
        initUrl: z.string().max(500).default(''),
        initUser: z.string().max(50).default(''),
        /** What a read reads when the caller does not say. */
        read: z.enum(['card', 'ec', 'id']).default('card'),
        ec: z
          .strictObject({
            /** GetQRBase (in the reader DLL) or NationEcTrans (NationECCode.dll, loaded from the same path). */
            via: z.enum(['GetQRBase', 'NationEcTrans']).default('GetQRBase'),
            /** NationEcTrans strUrl: …/localcfc/api/hsecfc/localQrCodeQuery */
            url: z.string().max(500).default(''),
            /** 用码业务类型 (code_biz_type), 5 characters, from the region's NationECCode documentation. */
            businessType: z
              .string()
              .regex(/^([0-9A-Za-z]{5})?$/, { message: '应为 5 位用码业务类型' })
              .default(''),
            officeId: z.string().max(20).default(''),
            officeName: z.string().max(30).default(''),
          })
          .prefault({}),
        /** Export of the 安全控件 giving the 校验介质 for a transaction code; null when the region needs none. */
        safeMediumFunction: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_@]{0,63}$/, { message: '应为 DLL 导出的函数名' })
          .nullable()
          .default(null),
      })
      .prefault({}),
    serial: z
      .strictObject({
        /** COM3, /dev/ttyUSB0 … */
        path: z.string().min(1).nullable().default(null),
        baudRate: z
          .number()
          .int()
          .refine((n) => (BAUD_RATES as readonly number[]).includes(n), { message: `应为 ${BAUD_RATES.join(' / ')} 之一` })
          .default(9600),
        charset: charset.default('utf8'),
        /** A scan without a CR/LF suffix ends after this much silence. */
        idleMs: z.number().int().min(20).max(2000).default(150),
      })
      .prefault({}),
    hid: z
      .strictObject({
        /** hidraw path (Linux) or HID path (Windows); or vendorId + productId. */
        path: z.string().min(1).nullable().default(null),
        vendorId: usbId,
        productId: usbId,
        charset: charset.default('utf8'),
        idleMs: z.number().int().min(20).max(2000).default(150),
      })
      .refine((h) => (h.vendorId === null) === (h.productId === null), {
        message: 'vendorId 和 productId 需要同时填写',
        path: ['productId'],
      })
      .prefault({}),
    keyboard: z
      .strictObject({
        /** Longest pause between two keystrokes of one scan (people type far slower). */
        maxKeyGapMs: z.number().int().min(5).max(200).default(50),
        minLength: z.number().int().min(4).max(200).default(10),
      })
      .prefault({}),
  })
  .prefault({});

export type DevicesConfig = z.output<typeof devicesSchema>;
