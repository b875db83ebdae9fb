/**
 * The counter's configuration file. Every field has a default that points at the
 * embedded sandbox center, so a fresh install works with no file at all.
 */
import { z } from 'zod';
import '../core/zod-zh';
import { PROFILE_IDS } from '../registry/profile';
import { devicesSchema } from './devices-schema';
import { printerSchema } from './printer-schema';
import { archiveAfterYearsSchema } from '../journal/archive/archive-setting';

/** The sandbox's own demo institutions (see sandbox/institutions.ts). */
export const SANDBOX_DEFAULT_INSTITUTION = {
  fixmedinsCode: 'P42010000001',
  fixmedinsName: '沙箱演示大药房',
  mdtrtareaAdmvs: '420100',
  kind: 'pharmacy',
} as const;

const timeoutsSchema = z.strictObject({
  connectMs: z.number().int().min(100).max(120_000),
  readMs: z.number().int().min(100).max(600_000),
});

export const configSchema = z.strictObject({
  center: z
    .strictObject({
      /** null: start the embedded sandbox center in-process. */
      url: z
        .url({ protocol: /^https?$/, message: '必须是 http:// 或 https:// 开头的地址' })
        .nullable()
        .default(null),
      gateway: z
        .strictObject({
          paasid: z.string().min(1, { message: '不能为空' }),
          /** Written by hand; the desktop app replaces it with secretProtected at its next start. */
          secret: z.string().min(1, { message: '不能为空' }).optional(),
          /** The secret sealed by the desktop app's safeStorage (DPAPI on Windows): `safeStorage:<base64>`. */
          secretProtected: z
            .string()
            .regex(/^safeStorage:[A-Za-z0-9+/=]+$/, { message: '应为 safeStorage:<base64>, 由桌面程序写入' })
            .optional(),
          serviceId: z.string().optional(),
        })
        .refine((g) => (g.secret === undefined) !== (g.secretProtected === undefined), {
          message: '需要 secret 或 secretProtected 之一 (不能都有, 也不能都没有)',
        })
        .nullable()
        .default(null),
      /** Overrides the profile's timeouts for every transaction. */
      timeouts: timeoutsSchema.partial().optional(),
    })
    .prefault({}),
  institution: z
    .strictObject({
      fixmedinsCode: z.string().regex(/^[0-9A-Za-z]{12}$/, { message: '应为 12 位字母或数字' }),
      fixmedinsName: z.string().min(1).max(200),
      mdtrtareaAdmvs: z.string().regex(/^\d{6}$/, { message: '应为 6 位数字区划代码' }),
      kind: z.enum(['pharmacy', 'clinic']),
      /** 0–9: counters of one institution must use different slots (msgid sequence ranges). */
      terminalSlot: z.number().int().min(0).max(9).default(0),
      devNo: z.string().max(100).default(''),
    })
    .prefault(SANDBOX_DEFAULT_INSTITUTION),
  profile: z.enum(PROFILE_IDS).default('national'),
  protocol: z
    .strictObject({
      recerSysCode: z.string().min(1).max(10).optional(),
      infver: z.string().min(1).max(6).optional(),
      signtype: z.string().max(10).default(''),
      opterType: z.enum(['1', '2', '3']).default('1'),
    })
    .prefault({}),
  signIn: z
    .strictObject({
      mac: z.string().max(20).optional(),
      ip: z.string().max(20).optional(),
    })
    .prefault({}),
  sandbox: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(0),
      seed: z.number().int().min(0).default(20261123),
      /** Default: <dataDir>/sandbox; a relative path is taken from dataDir. */
      dataDir: z.string().optional(),
    })
    .prefault({}),
  web: z
    .strictObject({
      host: z.enum(['127.0.0.1', 'localhost', '::1']).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(5780),
    })
    .prefault({}),
  /** Card reader, QR scanner, 安全控件 (src-main/devices/). */
  devices: devicesSchema,
  /** Receipt printer: device, paper 58 / 80 / a4, silent, print after settlement (src-main/receipts/). */
  printer: printerSchema,
  /** Daily online backup of the local database (src-main/backup/). */
  backup: z
    .strictObject({
      /** A second disk, a USB stick or a share; default <dataDir>/backups. A relative path is taken from dataDir. */
      folder: z.string().min(1).optional(),
      /** Take a backup when the newest is older than a day (the running app checks every hour). */
      daily: z.boolean().default(true),
      keep: z
        .strictObject({
          daily: z.number().int().min(1).max(366).default(7),
          weekly: z.number().int().min(0).max(104).default(4),
          monthly: z.number().int().min(0).max(120).default(12),
        })
        .prefault({}),
    })
    .prefault({}),
  /**
   * The shop store (issue 20): several counters of one institution share a PostgreSQL database.
   * Without postgresUrl the counter works alone, on its SQLite journal only.
   */
  shop: z
    .strictObject({
      postgresUrl: z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, { message: '应为 postgres://用户@主机:端口/库名 形式的地址' })
        .optional(),
      /** How other counters and reports name this one (default: 收银台 <slot>). */
      counterName: z.string().min(1).max(40).optional(),
    })
    .prefault({}),
  /** The transaction journal (src-main/journal/). */
  journal: z
    .strictObject({
      /**
       * Archiving (issue 19, off by default): the final entries of calendar years older than this many
       * years move to <dataDir>/archive/journal-YYYY.sqlite (src-main/journal/archive/). null: never.
       */
      archiveAfterYears: archiveAfterYearsSchema.default(null),
    })
    .prefault({}),
  /** The local catalogue (src-main/catalogue/). */
  catalogue: z
    .strictObject({
      /** Download the whole catalogue in the background at the first sign-in (issue 17 point 6). */
      fillAtSignIn: z.boolean().default(true),
    })
    .prefault({}),
  /** Default: the folder the config file is in. */
  dataDir: z.string().optional(),
});

export type ConfigFile = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
