/**
 * What the cashier gives at 读卡 → the 1101 input. The one place a credential becomes protocol
 * fields, through the devices module (parsing, validation, the 01 / 02 / 03 mapping), so a
 * reader plugged in later produces the same Credential and nothing else changes:
 *  - `id`: ID number and name typed in (身份证, mdtrt_cert_type 02);
 *  - `scan`: what a QR scanner or card reader in keyboard mode typed: a decoded 医保电子凭证
 *    (01) or the card string of a 社保卡 reader (03);
 *  - `device`: a credential a Reader already produced.
 */
import { idCardFromEntry, parseScannedText } from '../devices/credential-parse';
import { credentialTriple, personInfoInputOf, type CredentialTriple, type PersonInfoData } from '../devices/person-info';
import type { Credential } from '../devices/types';

export type CredentialEntry =
  | { readonly kind: 'id'; readonly idNumber: string; readonly name: string }
  | { readonly kind: 'scan'; readonly text: string }
  | { readonly kind: 'device'; readonly credential: Credential };

export interface ReadableCredential {
  readonly credential: Credential;
  readonly input: { data: PersonInfoData };
  readonly triple: CredentialTriple;
}

export function credentialOf(entry: CredentialEntry): Credential {
  switch (entry.kind) {
    case 'id':
      return { kind: 'id', id: idCardFromEntry(entry.idNumber, entry.name) };
    case 'scan':
      return parseScannedText(entry.text);
    case 'device':
      return entry.credential;
  }
}

/** Validates the entry (E_DEVICE_UNREADABLE with a Chinese reason) and builds the 1101 input. */
export function readableCredential(entry: CredentialEntry): ReadableCredential {
  const credential = credentialOf(entry);
  return { credential, input: personInfoInputOf(credential), triple: credentialTriple(credential) };
}
