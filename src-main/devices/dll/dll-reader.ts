/**
 * Reader over a vendor DLL (SSCard.dll style, protocol.md §4.1; e-certificate by GetQRBase or
 * NationECCode §4.4; optional 安全控件 export). The DLL lives in its own host process
 * (host-process.ts): reads never block the event loop, a hung DLL is killed at the deadline, a
 * crashing DLL takes only the host down. Calls are made one at a time, Init once per host.
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CharsetError, decodeText, encodeCString, untilNul, type Charset } from '../charset';
import { parseCardString, parseEcPayload, parseIdCardString } from '../credential-parse';
import { DeviceError, WHAT, closed, notConfigured, timedOut, unreadable } from '../device-errors';
import { DEV_SAFE_INFO_MAX } from '../safe-medium';
import type { Credential, CredentialKind, ReadRequest, ReadResult, Reader, SafeInfo } from '../types';
import { DllHostProcess, type DllCall, type DllCallResult } from './host-process';
import { chooseHostRuntime, defaultHostRuntimes, type HostRuntime } from './host-runtime';
import {
  ecTransCall,
  initCall,
  readCardCall,
  readIdCall,
  readQrCall,
  safeMediumCall,
  vendorFailure,
  vendorText,
} from './vendor-api';

export interface DllReaderOptions {
  readonly path: string;
  readonly convention: 'stdcall' | 'cdecl';
  readonly charset: Charset;
  /** Init(pUrl, pUser): the insurer's init URL and the area code. */
  readonly initUrl: string;
  readonly initUser: string;
  /** What a read without `credential` reads. */
  readonly defaultCredential: CredentialKind;
  readonly ec: {
    readonly via: 'GetQRBase' | 'NationEcTrans';
    /** NationEcTrans strUrl (…/localcfc/api/hsecfc/localQrCodeQuery). */
    readonly url: string;
    /** 用码业务类型 (code_biz_type, 5 characters) for ec.query. */
    readonly businessType: string;
    readonly orgId: string;
    readonly officeId: string;
    readonly officeName: string;
  };
  /** Exported function of the 安全控件 (name, infno) → 校验介质; null when the region needs none. */
  readonly safeMediumFunction: string | null;
  /** The longest a whole read may take, Init included. */
  readonly timeoutMs: number;
  /** Environment of the host process (tests point the double at its state file). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The host processes that may load the library, preferred first; the first whose machine matches the
   * DLL's header is used (default: this process's kind, plus the 32-bit host on 64-bit Windows).
   */
  readonly runtimes?: readonly HostRuntime[];
}

/** `message` of a JSON error envelope, or null. */
function messageOf(text: string): string | null {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === 'string' ? m : null;
  } catch {
    return null;
  }
}

/** A credential and the sign buffer the DLL returned with it. */
interface Read {
  readonly credential: Credential;
  readonly signature: string | null;
}

/** GetQRBase waits for the patient's phone itself: give it the read's time less a margin to answer in. */
const QR_MARGIN_MS = 2000;

export class DllReader implements Reader {
  readonly driver = 'dll' as const;
  readonly credentials: readonly CredentialKind[] = ['card', 'ec', 'id'];
  private readonly options: DllReaderOptions;
  private readonly runtimes: readonly HostRuntime[];
  /** Started for the runtime the library needs, at the first read (null until then). */
  private host: DllHostProcess | null = null;
  /** pid of the host Init succeeded in. */
  private initialisedPid: number | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private isClosed = false;

  constructor(options: DllReaderOptions) {
    // The host runs in the library's folder: a relative path must not depend on that.
    this.options = { ...options, path: options.path ? resolve(options.path) : '' };
    this.runtimes = options.runtimes ?? defaultHostRuntimes();
  }

  read(request: ReadRequest = {}): Promise<ReadResult> {
    // One read at a time: the DLL and the card are single-user.
    const run = this.tail.then(
      () => this.readNow(request),
      () => this.readNow(request),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Starts the host and calls Init now (at sign-in, seed 003: 签到时初始化安全控件), not at the first read. */
  prepare(timeoutMs = this.options.timeoutMs): Promise<void> {
    const run = this.tail.then(
      () => this.prepareNow(timeoutMs),
      () => this.prepareNow(timeoutMs),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async prepareNow(budget: number): Promise<void> {
    if (this.isClosed) throw closed();
    const deadline = performance.now() + budget;
    await this.ensureReady((c) => this.callBefore(deadline, budget, c), deadline, budget);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.host?.kill();
    this.initialisedPid = null;
  }

  private async readNow(request: ReadRequest): Promise<ReadResult> {
    if (this.isClosed) throw closed();
    const started = performance.now();
    const budget = request.timeoutMs ?? this.options.timeoutMs;
    const deadline = started + budget;
    const call = (c: DllCall) => this.callBefore(deadline, budget, c, request.signal);

    await this.ensureReady(call, deadline, budget, request.signal);
    const kind = request.credential ?? this.options.defaultCredential;
    const { credential, signature } =
      kind === 'card'
        ? await this.readCard(call)
        : kind === 'id'
          ? await this.readId(call)
          : this.options.ec.via === 'NationEcTrans'
            ? await this.readEcTrans(call, request)
            : await this.readQr(call, deadline);

    let safeInfo: SafeInfo | null = signature ? { source: 'reader-signature', infno: null, value: signature } : null;
    if (this.options.safeMediumFunction && request.infno) {
      safeInfo = await this.safeMedium(call, kind, this.options.safeMediumFunction, request.infno);
    }
    return { driver: 'dll', credential, safeInfo, elapsedMs: performance.now() - started };
  }

  /** A call that must finish before the read's deadline (whatever Init and earlier calls used). */
  private callBefore(deadline: number, budget: number, call: DllCall, signal?: AbortSignal): Promise<DllCallResult> {
    const left = deadline - performance.now();
    if (left <= 0) return Promise.reject(timedOut(call.name, budget));
    if (!this.host) return Promise.reject(closed());
    return this.host.call(call, left, signal).catch((e: unknown) => {
      // Report the read's whole budget, which is what the cashier waited for.
      if (e instanceof DeviceError && e.code === 'E_DEVICE_TIMEOUT') throw timedOut(call.name, budget);
      throw e;
    });
  }

  /** Checks the library, starts the host and calls Init when the host is new (first read, or after a kill). */
  private async ensureReady(
    call: (c: DllCall) => Promise<DllCallResult>,
    deadline: number,
    budget: number,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.host && this.host.pid !== null && this.host.pid === this.initialisedPid) return;
    if (!this.options.path) throw notConfigured('devices.dll.path', '读卡器 DLL 路径');
    // Read again at each (re)start: the vendor's installer may have replaced a 64-bit DLL with a 32-bit one.
    const runtime = await chooseHostRuntime(this.options.path, this.runtimes);
    if (this.host?.runtime !== runtime) {
      this.host?.kill();
      this.host = new DllHostProcess({ libraryPath: this.options.path, env: this.options.env, runtime });
    }
    const left = deadline - performance.now();
    if (left <= 0) throw timedOut('load', budget);
    await this.host.load(left, signal).catch((e: unknown) => {
      // As in callBefore: the cashier waited the read's whole budget, not what was left of it at load.
      if (e instanceof DeviceError && e.code === 'E_DEVICE_TIMEOUT') throw timedOut('load', budget);
      throw e;
    });
    const { charset, convention } = this.options;
    const r = await call(
      initCall(convention, encodeCString(this.options.initUrl, charset), encodeCString(this.options.initUser, charset)),
    );
    if (r.result !== 0) {
      throw new DeviceError(
        'E_DEVICE_INIT_FAILED',
        `读卡器初始化失败 (Init 返回 ${String(r.result)}); 请检查设置中的初始化地址和医保区划代码, 以及读卡器是否连接`,
        { returnCode: r.result },
      );
    }
    this.initialisedPid = this.host.pid;
  }

  private async readCard(call: (c: DllCall) => Promise<DllCallResult>): Promise<Read> {
    const r = await call(readCardCall(this.options.convention));
    const text = this.successText(r, 'card', 'ReadCardBas');
    return { credential: { kind: 'card', card: parseCardString(text) }, signature: this.signature(r.outs[1]) };
  }

  private async readId(call: (c: DllCall) => Promise<DllCallResult>): Promise<Read> {
    const r = await call(readIdCall(this.options.convention));
    const text = this.successText(r, 'id', 'ReadSFZ');
    return { credential: { kind: 'id', id: parseIdCardString(text) }, signature: this.signature(r.outs[1]) };
  }

  private async readQr(call: (c: DllCall) => Promise<DllCallResult>, deadline: number): Promise<Read> {
    const seconds = Math.max(1, Math.floor((deadline - performance.now() - QR_MARGIN_MS) / 1000));
    const r = await call(readQrCall(this.options.convention, seconds));
    const text = this.successText(r, 'ec', 'GetQRBase');
    return { credential: { kind: 'ec', ec: parseEcPayload(text) }, signature: this.signature(r.outs[1]) };
  }

  /** NationEcTrans ec.query: the DLL drives the scanner and decodes the code through the regional service. */
  private async readEcTrans(call: (c: DllCall) => Promise<DllCallResult>, request: ReadRequest): Promise<Read> {
    const { ec, charset, convention } = this.options;
    if (!ec.url) throw notConfigured('devices.dll.ec.url', '电子凭证解码地址');
    if (!ec.businessType) throw notConfigured('devices.dll.ec.businessType', '电子凭证用码业务类型');
    const data = {
      orgId: ec.orgId,
      businessType: ec.businessType,
      operatorId: request.operator?.opter ?? '',
      operatorName: request.operator?.opterName ?? '',
      officeId: ec.officeId,
      officeName: ec.officeName,
    };
    const pindata = JSON.stringify({ orgId: ec.orgId, transType: 'ec.query', data, extra: '' });
    const r = await call(ecTransCall(convention, encodeCString(ec.url, charset), encodeCString(pindata, charset)));
    const code = new TextDecoder('latin1').decode(r.result as Uint8Array).trim();
    if (code !== '0000') {
      // The error envelope's message when there is one, else whatever text the DLL left.
      const raw = vendorText(r.outs[0], charset);
      throw vendorFailure('ec', 'NationEcTrans', code, messageOf(raw) ?? raw);
    }
    const text = this.strictText(r.outs[0], 'ec');
    let envelope: { code?: unknown; message?: unknown; data?: unknown };
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      throw unreadable(WHAT.ec, '解码结果不是 JSON', { length: text.length });
    }
    if (Number(envelope.code) !== 0) {
      throw vendorFailure(
        'ec',
        'NationEcTrans',
        String(envelope.code),
        typeof envelope.message === 'string' ? envelope.message : '',
      );
    }
    const payload = envelope.data;
    if (typeof payload !== 'string' && (typeof payload !== 'object' || payload === null)) {
      throw unreadable(WHAT.ec, '解码结果缺少 data', {});
    }
    return {
      credential: { kind: 'ec', ec: parseEcPayload(payload as string | Record<string, unknown>) },
      signature: null,
    };
  }

  private async safeMedium(
    call: (c: DllCall) => Promise<DllCallResult>,
    kind: CredentialKind,
    fn: string,
    infno: string,
  ): Promise<SafeInfo> {
    let r: DllCallResult;
    try {
      r = await call(safeMediumCall(this.options.convention, fn, encodeCString(infno, this.options.charset)));
    } catch (e) {
      if (e instanceof DeviceError && e.code === 'E_DEVICE_FUNCTION_MISSING') {
        throw new DeviceError(
          'E_DEVICE_SAFE_CONTROL_ABSENT',
          `读卡器动态库中没有安全控件函数 ${fn}: 安全控件未安装或版本不对; 请安装医保局下发的安全控件, 或在设置中改正函数名 (devices.dll.safeMediumFunction)`,
          { function: fn },
          { cause: e },
        );
      }
      throw e;
    }
    if (r.result !== 0) {
      const failure = vendorFailure(kind, fn, r.result as number, vendorText(r.outs[0], this.options.charset));
      // No card / card removed keep their own advice; anything else is the control saying no.
      if (failure.code !== 'E_DEVICE_VENDOR_ERROR') throw failure;
      throw new DeviceError(
        'E_DEVICE_SAFE_CONTROL_REFUSED',
        `安全控件未给出交易 ${infno} 的校验介质 (${fn} 返回 ${String(r.result)}: ${String(failure.detail['vendorMessage'] || '未给出原因')}); 请重新读卡, 仍不行请联系医保信息科`,
        { ...failure.detail, infno },
      );
    }
    const value = this.successText(r, kind, fn).trim();
    if (value === '' || value.length > DEV_SAFE_INFO_MAX || /\p{Cc}/u.test(value)) {
      throw unreadable('安全控件校验介质', `应为 1–${DEV_SAFE_INFO_MAX} 个可见字符, 实际 ${value.length} 个`, {
        length: value.length,
      });
    }
    return { source: 'safe-medium', infno, value };
  }

  /** Output text of a call that returned 0; a non-zero return becomes the vendor's error. */
  private successText(r: DllCallResult, kind: CredentialKind, fn: string): string {
    if (r.result !== 0) throw vendorFailure(kind, fn, r.result as number, vendorText(r.outs[0], this.options.charset));
    const text = this.strictText(r.outs[0], kind);
    if (text.trim() === '') throw unreadable(WHAT[kind], '读卡器返回了空数据', {});
    return text;
  }

  private strictText(bytes: Uint8Array | undefined, kind: CredentialKind): string {
    try {
      return decodeText(untilNul(bytes ?? new Uint8Array(0)), this.options.charset);
    } catch (e) {
      if (!(e instanceof CharsetError)) throw e;
      throw unreadable(
        WHAT[kind],
        `读卡器返回的不是有效的 ${this.options.charset === 'gbk' ? 'GBK' : 'UTF-8'} 文本 (设置的字符集可能不对, 或读卡器返回了乱码)`,
        { charset: this.options.charset },
      );
    }
  }

  /** A sign buffer's content, when the DLL wrote one (an empty or unreadable one is just absent). */
  private signature(bytes: Uint8Array | undefined): string | null {
    if (!bytes) return null;
    try {
      const text = decodeText(untilNul(bytes), this.options.charset).trim();
      return text !== '' && text.length <= DEV_SAFE_INFO_MAX && !/\p{Cc}/u.test(text) ? text : null;
    } catch {
      return null;
    }
  }
}
