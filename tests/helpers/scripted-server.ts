/**
 * A real local HTTP server whose behaviour a test scripts per request: answer, hang,
 * drop the connection, or answer HTTP errors. Counts the request bodies it received.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Behaviour =
  | { kind: 'json'; body: unknown; status?: number }
  | { kind: 'raw'; body: string; status?: number; contentType?: string }
  | { kind: 'callback'; reply: (body: string) => unknown }
  | { kind: 'hang' }
  | { kind: 'destroy-after-body' }
  | { kind: 'destroy-mid-response' };

export interface ScriptedServer {
  url: string;
  received: string[];
  setBehaviour(b: Behaviour): void;
  close(): Promise<void>;
}

export async function startScriptedServer(initial: Behaviour): Promise<ScriptedServer> {
  let behaviour = initial;
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      const b = behaviour;
      switch (b.kind) {
        case 'json':
          res.writeHead(b.status ?? 200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(b.body));
          return;
        case 'raw':
          res.writeHead(b.status ?? 200, { 'Content-Type': b.contentType ?? 'application/json' });
          res.end(b.body);
          return;
        case 'callback':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(b.reply(body)));
          return;
        case 'hang':
          return;
        case 'destroy-after-body':
          req.socket.destroy();
          return;
        case 'destroy-mid-response':
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
          // Destroyed once the partial body has been handed to the socket, not after a guessed delay.
          res.write('{"infcode":0,"out', () => req.socket.destroy());
          return;
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/fsi/api/rsfComIfsService/callService`,
    received,
    setBehaviour(b) {
      behaviour = b;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
