/** Argument schemas and result types of the 明细审核 API methods (pure: zod and types only). */
import { z } from 'zod';
import type { AuditReportView } from './views';

const mdtrtId = z.string().regex(/^[0-9A-Za-z]{1,30}$/, { message: '就诊ID无效' });
const draftLine = z.strictObject({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().max(200),
  cntText: z.string().trim().min(1).max(20),
  pricText: z.string().trim().min(1).max(20),
});

export const auditApiArgs = {
  /** 3101 of the bill being entered, before it is uploaded (2204). */
  'audit.checkDraft': z.strictObject({ mdtrtId, lines: z.array(draftLine).min(1, { message: '至少录入一条明细' }).max(200) }),
  /** 3103: what was done with each warning. */
  'audit.feedback': z.strictObject({
    stage: z.enum(['pre', 'during']),
    decisions: z
      .array(
        z.strictObject({
          jrId: z.string().min(1).max(40),
          action: z.enum(['continue', 'modify']),
          reason: z.string().trim().max(500).optional(),
        }),
      )
      .min(1),
  }),
} as const;

export interface AuditApiResults {
  'audit.checkDraft': AuditReportView;
  'audit.feedback': { handled: number };
}
