/** The receipt printer (config `printer`): which device, which paper, silent or with a dialog, printing after each settlement. */
import { z } from 'zod';

export const printerSchema = z
  .strictObject({
    /** The system's printer name; empty: the system's default printer. */
    deviceName: z.string().trim().max(200).default(''),
    /** 58 / 80 mm thermal roll or an A4 sheet (医疗收费结算单). */
    paper: z.enum(['58', '80', 'a4']).default('80'),
    /** Print without a dialog (Electron only; a browser always asks). */
    silent: z.boolean().default(false),
    /** Print the receipt right after a settlement. */
    autoPrint: z.boolean().default(false),
  })
  .prefault({});

export type PrinterConfig = z.output<typeof printerSchema>;
