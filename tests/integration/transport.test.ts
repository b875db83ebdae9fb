/**
 * The transport's classification against a real local HTTP server: every failure is
 * not-sent, rejected or unknown, and not-sent is only said when the body never arrived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifyNetworkError, HttpTransport } from '../../src-main/protocol/transport';
import { parseResponseText } from '../../src-main/protocol/response';
import { CenterCallError, NotSentError, RejectedError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { instanceOf, rejectionOf } from '../helpers/rejection';
import { waitFor } from '../helpers/wait-for';

const call = { infno: '2207', msgid: 'H42010000002202611230902030001' };
const timeouts = { connectMs: 500, readMs: 400 };
let transport: HttpTransport;
let server: ScriptedServer;

beforeAll(async () => {
  transport = new HttpTransport();
  server = await startScriptedServer({ kind: 'json', body: { infcode: 0, output: {} } });
});
afterAll(async () => {
  transport.close();
  await server.close();
});
afterEach(() => {
  server.received.length = 0;
});

/** Sends and reads like the client does: transport, then response parsing. */
async function send(url = server.url): Promise<unknown> {
  const res = await transport.post({ url, body: JSON.stringify({ infno: '2207' }), headers: {}, timeouts, call });
  return parseResponseText(res.bytes.toString('utf8'), call).output;
}

const failure = (p: Promise<unknown>) => rejectionOf(p, instanceOf(CenterCallError));

describe('transport classification', () => {
  it('ok: returns the output', async () => {
    server.setBehaviour({ kind: 'json', body: { infcode: 0, output: { setlinfo: { setl_id: 'S1' } } } });
    expect(await send()).toEqual({ setlinfo: { setl_id: 'S1' } });
  });

  it('not sent: connection refused', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const e = await failure(send(`http://127.0.0.1:${port}/x`));
    expect(e).toBeInstanceOf(NotSentError);
    expect(e.kind).toBe('not-sent');
    expect(e.messageZh).toContain('连接被拒绝');
    expect(e.detail).toMatchObject({ networkCode: 'ECONNREFUSED', url: `http://127.0.0.1:${port}/x` });
  });

  it('not sent: DNS failure', async () => {
    const e = await failure(send('http://no-such-host.invalid/x'));
    expect(e.kind).toBe('not-sent');
    expect(e.messageZh).toBe('请求未发出: 无法解析中心域名 (检查网络和 DNS); 中心未收到本次交易, 可以重试');
  });

  it('not sent: a center certificate the client does not trust (TLS), nothing reaches the center', async () => {
    // A self-signed certificate for 127.0.0.1 (tests/fixtures/tls, a test fixture): the handshake fails before the
    // request's body is written, so the cashier may retry — and the text names the certificate, not the network.
    const tls = `${import.meta.dirname}/../fixtures/tls/self-signed`;
    let reached = 0;
    const center = https.createServer({ key: readFileSync(`${tls}.key`), cert: readFileSync(`${tls}.crt`) }, (_req, res) => {
      reached++;
      res.end('{"infcode":0,"output":{}}');
    });
    await new Promise<void>((r) => center.listen(0, '127.0.0.1', r));
    const url = `https://127.0.0.1:${(center.address() as net.AddressInfo).port}/x`;
    try {
      const e = await failure(send(url));
      expect(e).toBeInstanceOf(NotSentError);
      expect(e.messageZh).toBe('请求未发出: TLS 证书校验失败; 中心未收到本次交易, 可以重试');
      expect(e.detail).toMatchObject({ networkCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', url });
      expect(reached).toBe(0);
    } finally {
      await new Promise<void>((r) => center.close(() => r()));
    }
  });

  it('not sent: the Chinese reason for each network code that is not the refused / DNS / connect-timeout kind', () => {
    // This machine has no DNS server (a lookup answers EAI_AGAIN, the test above), and no route fails with another
    // code on demand, so these are the errors node raises, handed to the classifier the transport uses.
    const request = { url: 'http://center.example/x', body: '{}', headers: {}, timeouts, call };
    const notSent = { connected: false, bodySent: false, responded: false };
    const why = (code: string, message: string, wrapped = false) => {
      const raw = Object.assign(new Error(message), { code });
      const e = classifyNetworkError(wrapped ? Object.assign(new Error('wrapped'), { cause: raw }) : raw, notSent, request);
      expect(e).toBeInstanceOf(NotSentError);
      expect(e.detail).toMatchObject({ networkCode: code, url: request.url });
      return e.messageZh;
    };
    const text = (reason: string) => `请求未发出: ${reason}; 中心未收到本次交易, 可以重试`;
    expect(why('ENOTFOUND', 'getaddrinfo ENOTFOUND center.example')).toBe(text('无法解析中心域名 (检查网络和 DNS)'));
    expect(why('ENOTFOUND', 'getaddrinfo ENOTFOUND center.example', true)).toBe(text('无法解析中心域名 (检查网络和 DNS)'));
    expect(why('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.9:8080')).toBe(text('网络错误 EHOSTUNREACH'));
    expect(why('CERT_HAS_EXPIRED', 'certificate has expired')).toBe(text('TLS 证书校验失败'));
    expect(why('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain')).toBe(text('TLS 证书校验失败'));
    expect(why('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number')).toBe(text('TLS 证书校验失败'));
    // The code alone does not say TLS; the message does.
    expect(why('EPROTO', 'write EPROTO 0A00010B:SSL routines:ssl3_get_record:wrong version number')).toBe(
      text('TLS 证书校验失败'),
    );
  });

  describe('connect timeout against a listener whose accept queue is full', () => {
    let listener: ChildProcess;
    let port = 0;
    beforeAll(async () => {
      // A raw socket that listens with backlog 0 and never accepts: the first filler connection, once its
      // handshake is done (select: writable), fills the accept queue, so later SYNs are dropped. sleep(60) is
      // not synchronisation: it is the listener staying alive without accepting (killed in afterAll).
      listener = spawn('python3', [
        '-c',
        [
          'import select,socket,sys,time',
          's=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(0)',
          'p=s.getsockname()[1]',
          'fill=[socket.socket() for _ in range(3)]',
          '[(f.setblocking(False), f.connect_ex(("127.0.0.1",p))) for f in fill]',
          'select.select([], fill[:1], [], 5)',
          'print(p, flush=True)',
          'time.sleep(60)',
        ].join('\n'),
      ]);
      port = await new Promise<number>((resolve) =>
        listener.stdout?.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
      );
    });
    afterAll(() => {
      listener.kill();
    });
    it('is not sent', async () => {
      const e = await failure(send(`http://127.0.0.1:${port}/x`));
      expect(e.kind).toBe('not-sent');
      expect(e.messageZh).toContain('连接超时');
    });
  });

  it('rejected: infcode ≠ 0 carries err_msg', async () => {
    server.setBehaviour({ kind: 'json', body: { infcode: -1, err_msg: '参保人不存在', inf_refmsgid: 'R9' } });
    const e = await failure(send());
    expect(e).toBeInstanceOf(RejectedError);
    expect((e as RejectedError).errMsg).toBe('参保人不存在');
    expect((e as RejectedError).infRefmsgid).toBe('R9');
  });

  it('rejected: the gateway answers 401', async () => {
    server.setBehaviour({ kind: 'json', status: 401, body: { code: 401, message: 'bad signature' } });
    const e = await failure(send());
    expect(e.kind).toBe('rejected');
    expect(e.code).toBe('E_HTTP_REJECTED');
    expect(e.messageZh).toBe('医保网关拒绝了请求 (HTTP 401): 请检查中心地址和网关签名配置');
    // The gateway's own words (the start of its body) are kept for the log.
    expect(e).toMatchObject({ errMsg: '{"code":401,"message":"bad signature"}', detail: { httpStatus: 401 } });
  });

  it('unknown: timeout after the body was sent', async () => {
    server.setBehaviour({ kind: 'hang' });
    const e = await failure(send());
    expect(e).toBeInstanceOf(UnknownOutcomeError);
    expect(e.code).toBe('E_TIMEOUT_AFTER_SEND');
    expect(server.received).toHaveLength(1);
  });

  it('unknown: a timeout on a reused keep-alive connection too (the read deadline starts without a new connect)', async () => {
    server.setBehaviour({ kind: 'json', body: { infcode: 0, output: {} } });
    await send(); // leaves the connection idle for the next call
    expect(transport.idleSockets()).toBe(1);
    server.setBehaviour({ kind: 'hang' });
    const e = await failure(send());
    expect(e.code).toBe('E_TIMEOUT_AFTER_SEND');
  });

  it('the deadline the message names is the one applied: readMs after connecting, not connect + read (issue 16)', async () => {
    server.setBehaviour({ kind: 'hang' });
    const started = performance.now();
    const e = await failure(
      transport.post({ url: server.url, body: '{}', headers: {}, timeouts: { connectMs: 1500, readMs: 300 }, call }),
    );
    const elapsed = performance.now() - started;
    expect(e.code).toBe('E_TIMEOUT_AFTER_SEND');
    expect(e.messageZh).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1200);
  });

  it('unknown: connection reset after the body arrived', async () => {
    server.setBehaviour({ kind: 'destroy-after-body' });
    const e = await failure(send());
    expect(e.kind).toBe('unknown');
    // Not a read timeout: the connection broke, and the message says which code.
    expect(e.code).toBe('E_CONNECTION_LOST');
    expect(e.messageZh).toMatch(/^请求已发出但连接中断 \(E[A-Z]+\), 交易结果未知$/);
    expect(server.received).toHaveLength(1);
  });

  it('unknown: connection reset in the middle of the answer', async () => {
    server.setBehaviour({ kind: 'destroy-mid-response' });
    const e = await failure(send());
    expect(e.kind).toBe('unknown');
    expect(e.code).toBe('E_CONNECTION_LOST');
  });

  it('unknown: HTTP 5xx', async () => {
    server.setBehaviour({ kind: 'raw', status: 502, body: 'Bad Gateway', contentType: 'text/plain' });
    const e = await failure(send());
    expect(e.kind).toBe('unknown');
    expect(e.code).toBe('E_HTTP_5XX');
    expect(e.messageZh).toBe('医保中心返回 HTTP 502, 交易结果未知');
    expect(e.detail).toMatchObject({ httpStatus: 502 });
  });

  it('unknown: an unparseable body', async () => {
    server.setBehaviour({ kind: 'raw', body: '{"infcode":0,"output":' });
    const e = await failure(send());
    expect(e.kind).toBe('unknown');
    expect(e.code).toBe('E_RESPONSE_UNPARSEABLE');
  });
});

describe('kept-alive connections', () => {
  it('an answered call leaves its socket idle for the next one; the center closing it drops it', async () => {
    const own = new HttpTransport();
    const center = await startScriptedServer({ kind: 'json', body: { infcode: 0, output: {} } });
    try {
      expect(own.idleSockets()).toBe(0);
      await own.post({ url: center.url, body: '{}', headers: {}, timeouts, call });
      await own.post({ url: center.url, body: '{}', headers: {}, timeouts, call }); // reuses it: still one
      expect(own.idleSockets()).toBe(1);
      await center.close();
      await waitFor('the transport dropping the socket the center closed', () => own.idleSockets() === 0);
    } finally {
      own.close();
      await center.close();
    }
  });
});
