/** A journal entry of an answered call, for tests of what the counter reads back from the journal. */
import type { JournalEntry } from '../../src-main/journal/journal-store';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';

/** `fields` name the call and its answer; everything else is a neutral, answered ('ok') entry. */
export function answeredEntry(
  fields: Pick<JournalEntry, 'infno' | 'msgid' | 'responseJson'> & Partial<JournalEntry>,
): JournalEntry {
  return {
    id: 1,
    opter: 'OP1',
    opterName: '张收费',
    signNo: 'SN',
    fixmedinsCode: 'P42010000001',
    centerUrl: 'http://c',
    psnNo: null,
    state: 'ok',
    requestJson: '{}',
    failureCode: null,
    failureMsg: null,
    resolution: null,
    reversesId: null,
    attempts: 0,
    nextAttemptAt: null,
    preparedAt: '2026-11-23 09:00:00',
    sentAt: null,
    finishedAt: '2026-11-23 09:00:01',
    updatedAt: '2026-11-23 09:00:01',
    ownerPid: null,
    answerWarnings: null,
    ...fields,
  };
}

/** A request envelope of one call, as the journal's prepare() takes it (an empty input unless given). */
export const requestEnvelope = (
  msgid: string,
  infno: string,
  input: Record<string, unknown> = { data: {} },
  who: { readonly opter?: string; readonly fixmedins?: string } = {},
): RequestEnvelope =>
  ({
    infno,
    msgid,
    opter: who.opter ?? 'OP1',
    opter_name: '张',
    sign_no: 'SN1',
    fixmedins_code: who.fixmedins ?? 'P42010000001',
    input,
  }) as unknown as RequestEnvelope;
