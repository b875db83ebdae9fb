/**
 * The sandbox center's HTTP side: the protocol endpoint (one path for every infno, as the
 * national FSI gateway) and a separate loopback admin endpoint for faults, the message log
 * and the seeded persons. All business lives in SandboxCenter; this file only moves bytes
 * and acts out the faults the center decides on (delay, drop, garbage, refuse).
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir } from '../core/private-files';
import { join } from 'node:path';
import { SandboxCenter, type Decision } from './center/sandbox-center';
import type { ProfileId } from '../registry/profile';
import { createAdminHandler, guardAdmin } from './center/admin';
import { listenError } from '../core/errors';
import type { AnswerStyle } from './center/answer-shape';

export const PROTOCOL_PATH = '/fsi/api/rsfComIfsService/callService';
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface SandboxOptions {
  readonly dataDir: string;
  /** 0 = any free port. */
  readonly port?: number;
  readonly adminPort?: number;
  readonly host?: string;
  readonly seed?: number;
  /** Write <dataDir>/sandbox-state.json so `yibao sandbox fault` can find this instance. */
  readonly writeStateFile?: boolean;
  /** The center's clock (tests that need settlements in an earlier month); default the real time. */
  readonly clock?: () => Date;
  /** `sparse`: answers leave out what protocol.md does not mark non-null (issue 16). */
  readonly answers?: AnswerStyle;
  /** The region whose 电子处方 numbering the center follows (center/numbering.ts); default national. */
  readonly numbering?: ProfileId;
}

export interface RunningSandbox {
  readonly url: string;
  /** http://host:port/<token>: the admin paths go below it. */
  readonly adminUrl: string;
  readonly center: SandboxCenter;
  /** False while a 'refuse' fault keeps the protocol port closed (tests wait on it instead of sleeping). */
  accepting(): boolean;
  close(): Promise<void>;
}

export interface SandboxStateFile {
  readonly pid: number;
  readonly url: string;
  readonly adminUrl: string;
  readonly startedAt: string;
}

export function stateFilePath(dataDir: string): string {
  return join(dataDir, 'sandbox-state.json');
}

export async function startSandboxCenter(options: SandboxOptions): Promise<RunningSandbox> {
  ensurePrivateDir(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const center = SandboxCenter.open(options.dataDir, {
    seed: options.seed,
    clock: options.clock,
    answers: options.answers,
    numbering: options.numbering,
  });
  const sockets = new Set<Socket>();

  const protocol = http.createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== PROTOCOL_PATH) {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 404, message: `沙箱中心只接受 POST ${PROTOCOL_PATH}` }));
      return;
    }
    readBody(req)
      .then((body) => act(center.receive(body), req.socket, res))
      .catch((error: Error) => {
        res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 413, message: error.message }));
      });
  });
  protocol.keepAliveTimeout = 5000;
  protocol.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  let port = options.port ?? 0;
  let listening = false;
  let reopenTimer: NodeJS.Timeout | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      protocol.once('error', (e) => reject(listenError(e, '沙箱医保中心', host, port)));
      protocol.listen(port, host, () => {
        protocol.off('error', reject);
        port = (protocol.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });
  const stopListening = () => {
    if (!listening) return;
    listening = false;
    protocol.close();
    for (const s of sockets) s.destroy();
  };
  await listen();

  // 'refuse' is connection-level: the center tells us when to stop and resume accepting.
  center.onRefuse((ms: number | null) => {
    stopListening();
    if (reopenTimer) clearTimeout(reopenTimer);
    reopenTimer = ms === null ? null : setTimeout(() => void listen(), ms);
  });
  center.onRefuseCleared(() => {
    if (reopenTimer) clearTimeout(reopenTimer);
    reopenTimer = null;
    if (!listening) void listen();
  });

  const url = `http://${host}:${port}${PROTOCOL_PATH}`;
  const adminToken = randomBytes(18).toString('base64url');
  let adminHosts = new Set<string>();
  const admin = http.createServer(
    guardAdmin(
      adminToken,
      () => adminHosts,
      createAdminHandler(center, () => url),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    admin.once('error', (e) => reject(listenError(e, '沙箱管理接口', host, options.adminPort ?? 0)));
    admin.listen(options.adminPort ?? 0, host, resolve);
  });
  const adminPort = (admin.address() as AddressInfo).port;
  adminHosts = new Set([`${host}:${adminPort}`, `localhost:${adminPort}`, `127.0.0.1:${adminPort}`]);
  const adminUrl = `http://${host}:${adminPort}/${adminToken}`;

  const statePath = stateFilePath(options.dataDir);
  if (options.writeStateFile) {
    const state: SandboxStateFile = { pid: process.pid, url, adminUrl, startedAt: new Date().toISOString() };
    // The admin address carries its token: readable by this user only.
    writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
  }

  return {
    url,
    adminUrl,
    center,
    accepting: () => listening,
    async close() {
      if (reopenTimer) clearTimeout(reopenTimer);
      stopListening();
      await new Promise<void>((resolve) => admin.close(() => resolve()));
      admin.closeAllConnections();
      if (options.writeStateFile) rmSync(statePath, { force: true });
      center.close();
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`报文超过 ${MAX_BODY_BYTES} 字节`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Acts out the center's decision on the wire. */
function act(decision: Decision, socket: Socket, res: http.ServerResponse): void {
  switch (decision.kind) {
    case 'drop':
      socket.destroy();
      return;
    case 'answer': {
      const send = () => {
        if (socket.destroyed) return;
        res.writeHead(decision.status, { 'Content-Type': decision.contentType, 'Content-Length': decision.body.length });
        res.end(decision.body);
      };
      if (decision.delayMs > 0) setTimeout(send, decision.delayMs);
      else send();
      return;
    }
  }
}
