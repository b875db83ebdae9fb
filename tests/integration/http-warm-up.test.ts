/**
 * The HTTP client's warm-up at start (protocol/http-warm-up.ts): one POST through the counter's own transport to
 * a loopback listener of its own, nothing to the center, no socket left behind; a warm-up that fails is logged
 * and resolves. And the runtime warms only its own HTTP transport: one given by a test is not sent anything.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCounterRuntime } from '../../src-main/app/counter-runtime';
import { warmUpHttpClient } from '../../src-main/protocol/http-warm-up';
import { HttpTransport, type Transport, type TransportRequest } from '../../src-main/protocol/transport';
import { makeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const transports: HttpTransport[] = [];
afterEach(() => {
  for (const t of transports.splice(0)) t.close();
  vi.restoreAllMocks();
});

/** The counter's transport, recording what it is asked to send and what came back. */
function recording(): { transport: Transport; http: HttpTransport; sent: TransportRequest[]; answers: string[] } {
  const http = new HttpTransport();
  transports.push(http);
  const sent: TransportRequest[] = [];
  const answers: string[] = [];
  const transport: Transport = {
    async post(request) {
      sent.push(request);
      const response = await http.post(request);
      answers.push(`${response.status} ${response.bytes.toString('utf8')}`);
      return response;
    },
  };
  return { transport, http, sent, answers };
}

describe('warmUpHttpClient', () => {
  it('posts once to a loopback listener of its own, answered, and leaves no kept-alive socket', async () => {
    const { transport, http, sent, answers } = recording();
    await warmUpHttpClient(transport);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/warm-up$/);
    expect(answers).toEqual(['200 {"infcode":0}']);
    // The listener closed its side: the agent drops the socket it kept (a loop turn or more later).
    await waitFor('the warm-up socket dropped', () => http.idleSockets() === 0);
  });

  it('resolves and logs when the request fails', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const failing: Transport = {
      post: () => Promise.reject(new Error('socket hang up')),
    };
    await expect(warmUpHttpClient(failing)).resolves.toBeUndefined();
    expect(lines.join('')).toMatch(/E_HTTP_WARM_UP .*HTTP 预热失败 \(不影响交易\) Error: socket hang up/);
  });
});

describe('the counter runtime at start', () => {
  /** A center that counts what reaches it, and a counter's config pointing at it. */
  async function countingCenter() {
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests++;
      req.resume();
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const temp = makeTempDir('yibao-warm-up-');
    const configPath = join(temp.dir, 'config.json');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fsi/api/rsfComIfsService/callService`;
    writeFileSync(configPath, JSON.stringify({ center: { url } }));
    return {
      configPath,
      requests: () => requests,
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        temp.cleanup();
      },
    };
  }

  it('warms its own HTTP transport on loopback and sends the center nothing', async () => {
    const center = await countingCenter();
    const post = vi.spyOn(HttpTransport.prototype, 'post');
    try {
      const runtime = await startCounterRuntime({ configPath: center.configPath, env: {}, version: 'test' });
      await runtime.close();
      expect(post.mock.calls.map(([request]) => request.url)).toEqual([
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/warm-up$/),
      ]);
      expect(center.requests()).toBe(0);
    } finally {
      await center.close();
    }
  });

  it('leaves a transport given to it alone', async () => {
    const center = await countingCenter();
    const { transport, sent } = recording();
    try {
      const runtime = await startCounterRuntime({ configPath: center.configPath, env: {}, version: 'test', transport });
      await runtime.close();
      expect(sent).toEqual([]);
    } finally {
      await center.close();
    }
  });
});
