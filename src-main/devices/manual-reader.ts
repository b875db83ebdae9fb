/**
 * Manual entry: the cashier types the patient's ID number and name (身份证, mdtrt_cert_type 02) when
 * no device works or the patient only has the number. Validated like a card read: 18 digits with a
 * correct check character and a real birth date, and a plausible name.
 */
import { performance } from 'node:perf_hooks';
import { idCardFromEntry } from './credential-parse';
import { DeviceError } from './device-errors';
import type { CredentialKind, ReadRequest, ReadResult, Reader } from './types';

export class ManualEntryReader implements Reader {
  readonly driver = 'manual' as const;
  readonly credentials: readonly CredentialKind[] = ['id'];

  async read(request: ReadRequest = {}): Promise<ReadResult> {
    const started = performance.now();
    if (!request.manual) throw new DeviceError('E_DEVICE_ENTRY_INVALID', '手工录入需要填写身份证号和姓名');
    const id = idCardFromEntry(request.manual.idNumber, request.manual.name);
    return { driver: 'manual', credential: { kind: 'id', id }, safeInfo: null, elapsedMs: performance.now() - started };
  }

  async close(): Promise<void> {}
}
