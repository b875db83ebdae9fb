/**
 * The region's 安全控件 at the counter (profile `safeControl`; seed 003 第六章 and 第七章):
 *  - initialised right after 9001 (签到时初始化安全控件): the reader DLL is loaded and Init called then;
 *  - read once per visit with the code of the visit's LAST transaction (药店 2102 / 2102A, 门诊
 *    2207 / 2207A), so its 校验介质 covers 1101 and every earlier step (devices/safe-medium.ts); the
 *    center client sends it as dev_safe_info on each call of that person's visit (SafeMediumBook);
 *  - read again before a refund, for the refund's own last code (2103; 2208 / 2205 / 2202).
 * The control is the reader DLL's export named in devices.dll.safeMediumFunction. Under a profile
 * without a control, reads work as before: one reader per read, nothing sent as dev_safe_info.
 */
import type { CounterApp } from '../app/counter-app';
import { YibaoError } from '../core/errors';
import { createReader } from '../devices/create-reader';
import type { CredentialKind, Reader, ReadResult, SafeInfo } from '../devices/types';
import type { PersonContext, PersonDesk } from './person';
import type { SafeControlStatus } from './views';

/** What a refund asks before its first call: the person read again through the control. */
export interface RefundReRead {
  beforeRefund(psnNo: string, lastInfno: string): Promise<void>;
}

export class SafeControl implements RefundReRead {
  /** Kept from sign-in on, so Init runs once and not at every read. */
  private reader: Reader | null = null;
  private initFailure: string | null = null;

  constructor(
    private readonly app: CounterApp,
    private readonly persons: PersonDesk,
  ) {}

  get required(): boolean {
    return this.app.client.profile.safeControl;
  }

  /** The control is reached through the reader DLL's export. */
  get configured(): boolean {
    const d = this.app.loaded.config.devices;
    return d.driver === 'dll' && d.dll.safeMediumFunction !== null;
  }

  status(): SafeControlStatus {
    if (!this.required) return { required: false, ready: false, message: null };
    if (!this.configured) {
      return {
        required: true,
        ready: false,
        message:
          `${this.app.client.profile.name}医保要求安全控件, 但本机未配置: 请在配置文件 devices 中设置读卡器 DLL (driver: dll) ` +
          '和安全控件函数 (dll.safeMediumFunction)。未配置时没有校验介质 (dev_safe_info), 不能医保结算或退费, 只能查询参保人',
      };
    }
    if (this.initFailure) return { required: true, ready: false, message: `安全控件初始化失败: ${this.initFailure}` };
    return { required: true, ready: this.reader !== null, message: null };
  }

  /** After 9001: loads the control and calls its Init; a failure is reported, and tried again at the next read. */
  async initialise(): Promise<SafeControlStatus> {
    if (!this.required || !this.configured) return this.status();
    try {
      await this.ownReader().prepare?.();
      this.initFailure = null;
    } catch (error) {
      this.initFailure = error instanceof YibaoError ? error.messageZh : String(error);
      await this.dropReader();
    }
    return this.status();
  }

  /** 读卡 of a new visit: 1101 with the credential, the medium obtained for the visit's last code. */
  async readVisit(kind?: CredentialKind): Promise<PersonContext> {
    const result = await this.read(kind, this.visitEndCode());
    return this.persons.read({ kind: 'device', credential: result.credential }, this.mediumOf(result));
  }

  /**
   * Before a refund of `psnNo`'s settlement: the person's card or e-certificate through the control
   * again (seed 003 购药撤销 step 2), for the refund's last code; another person is refused.
   */
  async beforeRefund(psnNo: string, lastInfno: string): Promise<void> {
    if (!this.required || !this.configured) return;
    const result = await this.read(undefined, lastInfno);
    const ctx = await this.persons.read({ kind: 'device', credential: result.credential }, this.mediumOf(result));
    if (ctx.psnNo !== psnNo) {
      throw new YibaoError(
        'E_SAFE_CONTROL_OTHER_PERSON',
        '安全控件读到的参保人不是原结算的参保人, 不能退费; 请读原结算参保人的社保卡或医保电子凭证',
        { infno: lastInfno },
      );
    }
  }

  async close(): Promise<void> {
    await this.dropReader();
  }

  /** The code that ends this counter's visit: the medium is obtained for it. */
  private visitEndCode(): string {
    const flows = this.app.client.profile.flows;
    return this.app.loaded.config.institution.kind === 'pharmacy' ? flows.pharmacySettle : flows.clinicSettle;
  }

  private mediumOf(result: ReadResult): SafeInfo | null {
    return this.required && result.safeInfo?.source === 'safe-medium' ? result.safeInfo : null;
  }

  private async read(kind: CredentialKind | undefined, infno: string): Promise<ReadResult> {
    if (this.required && this.configured) return this.ownReader().read({ credential: kind, infno });
    const reader = createReader(this.app.loaded.config);
    try {
      return await reader.read({ credential: kind });
    } finally {
      await reader.close();
    }
  }

  private ownReader(): Reader {
    this.reader ??= createReader(this.app.loaded.config);
    return this.reader;
  }

  private async dropReader(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    await reader?.close();
  }
}
