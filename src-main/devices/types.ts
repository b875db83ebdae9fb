/**
 * What every identification device gives the counter: one credential (社保卡, 医保电子凭证 or 身份证)
 * and, where the device provides it, the security information for `dev_safe_info`.
 */

/** How the device is reached. */
export type DriverKind = 'dll' | 'serial' | 'hid' | 'keyboard' | 'manual';

/** What is read: social-security card, e-certificate QR, ID card. */
export type CredentialKind = 'card' | 'ec' | 'id';

/** The 11-field `|` string of ReadCardBas (protocol.md §4.1), validated and typed. */
export interface SocialSecurityCard {
  /** Field 0: issuing area, 6 digits (= first 6 of the card identification code). */
  readonly issuingArea: string;
  /** Field 1: social security number (= 身份证号). */
  readonly socialSecurityNo: string;
  /** Field 2: card number (社会保障卡卡号). */
  readonly cardNo: string;
  /** Field 3: card identification code (卡识别码), 32 hex. */
  readonly cardSn: string;
  /** Field 4. */
  readonly name: string;
  /** Field 5: card reset information (ATR historical bytes, hex). */
  readonly resetInfo: string;
  /** Field 6: specification version, e.g. 3.00. */
  readonly specVersion: string;
  /** Field 7, yyyy-MM-dd. */
  readonly issueDate: string;
  /** Field 8, yyyy-MM-dd. */
  readonly expiryDate: string;
  /** Field 9. */
  readonly terminalNo: string;
  /** Field 10, may be empty. */
  readonly terminalDeviceNo: string;
}

/** A decoded 医保电子凭证 (protocol.md §4.4 `data`). */
export interface ECertificate {
  /** Used as mdtrt_cert_no with mdtrt_cert_type 01. */
  readonly ecToken: string;
  readonly idNo: string;
  /** psn_cert_type of idNo; '01' 居民身份证 when the decoder leaves it out. */
  readonly idType: string;
  readonly userName: string;
  /** Insured area, when the decoder gives it. */
  readonly insuOrg: string | null;
}

/** A 2nd-generation ID card (ReadSFZ) or a number typed by the cashier. */
export interface IdCard {
  readonly idNumber: string;
  readonly name: string;
  /** Only from a card reader. */
  readonly gender: string | null;
  readonly ethnicity: string | null;
  /** yyyy-MM-dd, only from a card reader. */
  readonly birthDate: string | null;
  readonly address: string | null;
}

export type Credential =
  | { readonly kind: 'card'; readonly card: SocialSecurityCard }
  | { readonly kind: 'ec'; readonly ec: ECertificate }
  | { readonly kind: 'id'; readonly id: IdCard };

/**
 * Material for the envelope's `dev_safe_info` (protocol.md §1.1, at most 2000 characters):
 * the 安全控件's 校验介质 obtained for one transaction code (seed 003 第六章), or the signature the
 * reader returned with the read (ReadCardBas / GetQRBase sign buffer).
 */
export interface SafeInfo {
  readonly source: 'safe-medium' | 'reader-signature';
  /** The transaction the medium was obtained for; null for a reader signature. */
  readonly infno: string | null;
  readonly value: string;
}

export interface ReadResult {
  readonly driver: DriverKind;
  readonly credential: Credential;
  readonly safeInfo: SafeInfo | null;
  readonly elapsedMs: number;
}

export interface ReadRequest {
  /** What to read, for devices that read more than one kind (the DLL); default from the config. */
  readonly credential?: CredentialKind;
  /**
   * The last transaction of this visit (e.g. 2102 for a pharmacy sale, 2207 for an outpatient settlement):
   * with a 安全控件 configured, its medium is obtained for this code.
   */
  readonly infno?: string;
  /** Manual entry: the cashier typed the ID number and the name. */
  readonly manual?: { readonly idNumber: string; readonly name: string };
  /** Operator shown to the e-certificate decoder (NationEcTrans). */
  readonly operator?: { readonly opter: string; readonly opterName: string };
  /** Overrides the configured timeout for this read. */
  readonly timeoutMs?: number;
  /** Cancels the read (the cashier pressed 取消). */
  readonly signal?: AbortSignal;
}

/** One identification device. Reads never block the event loop and always end (result, error or timeout). */
export interface Reader {
  readonly driver: DriverKind;
  /** What this reader can produce. */
  readonly credentials: readonly CredentialKind[];
  read(request?: ReadRequest): Promise<ReadResult>;
  /** Loads and initialises the device ahead of the first read, where that means something (the DLL's Init). */
  prepare?(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
