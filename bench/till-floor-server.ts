/**
 * The bare page of the till's floor (till-floor.ts), in a process of its own as the counter is (till-counter.ts):
 * one input and a list, no framework, fed over a WebSocket from this process with the counter's own answers to
 * the same letters (a JSON file: query → answer), so the page gets the same bytes to draw.
 *
 * `tsx bench/till-floor-server.ts <answers.json>`: prints `{"url": …}` on one line once serving, ends when its
 * stdin ends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

/** An input; each input event asks the server; an answer (for the letters still typed) is drawn as rows. */
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body { font: 14px sans-serif; margin: 16px } .row { display: flex; gap: 8px; padding: 4px 8px; border-bottom: 1px solid #eee }
.row span { white-space: nowrap; overflow: hidden; max-width: 16em }
</style></head><body><div id="box" data-answered=""><input id="q" autocomplete="off"><div id="list" role="listbox"></div></div>
<script>
const ws = new WebSocket('ws://' + location.host + '/ws');
const q = document.getElementById('q'), list = document.getElementById('list'), box = document.getElementById('box');
let id = 0;
const leaves = (v) => (v !== null && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [String(v)]);
q.addEventListener('input', () => ws.send(JSON.stringify({ id: ++id, query: q.value })));
ws.onmessage = (e) => {
  const a = JSON.parse(e.data);
  if (a.query !== q.value) return;
  list.innerHTML = a.hits
    .map((h) => '<div class="row" role="option">' + leaves(h).slice(0, 10).map((t) => '<span>' + t + '</span>').join('') + '</div>')
    .join('');
  box.dataset.answered = a.query;
};
</script></body></html>`;

function main(): void {
  const [answersFile] = process.argv.slice(2);
  if (!answersFile) throw new Error('usage: till-floor-server.ts <answers.json>');
  const answers = JSON.parse(readFileSync(answersFile, 'utf8')) as Record<string, { hits: unknown[] }>;
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(PAGE);
  });
  const sockets = new WebSocketServer({ server, path: '/ws' });
  sockets.on('connection', (socket) =>
    socket.on('message', (data) => {
      const { id, query } = JSON.parse(String(data)) as { id: number; query: string };
      // The id first, as the counter's answers begin, for the page's call clock (till-watch.ts).
      socket.send(JSON.stringify({ id, query, hits: answers[query]?.hits ?? [] }));
    }),
  );
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })}\n`);
  });
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

main();
