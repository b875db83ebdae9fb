// The process that loads a vendor reader DLL. It runs apart from the counter because a DLL call cannot
// be interrupted: a hung call (or a crash inside the DLL) only ever takes this process with it, and the
// counter kills it on timeout. All DLL calls happen on this process's one thread, in order, as vendor
// DLLs expect. It knows nothing about cards: it loads, binds and calls what the parent asks, and returns
// the raw bytes (decoding and validation happen in the parent, see host-process.ts for the messages).
//
// argv[2]: absolute path of koffi's CommonJS entry (resolved by the parent, so bundling never matters).
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { SOCKET_ENV, decodeLine, encodeLine } from './host-wire.mjs';

const koffi = createRequire(import.meta.url)(process.argv[2]);

let library = null;
let libraryPath = null;
const bound = new Map();

const PARAM_TYPES = { in: 'uint8_t *', out: 'uint8_t *', int: 'int' };
const STRING_RESULT_MAX = 4096;

function bind(name, convention, result, params) {
  const key = `${convention} ${result} ${name}(${params.join(',')})`;
  let fn = bound.get(key);
  if (!fn) {
    const ret = result === 'string' ? 'void *' : 'long';
    fn = library.func(
      convention === 'stdcall' ? '__stdcall' : '__cdecl',
      name,
      ret,
      params.map((p) => PARAM_TYPES[p]),
    );
    bound.set(key, fn);
  }
  return fn;
}

/** A returned `char *`: bytes up to its NUL (bounded, a bad pointer must not run forever). */
function bytesAt(pointer) {
  if (pointer === null) return new Uint8Array(0);
  const out = [];
  for (let i = 0; i < STRING_RESULT_MAX; i++) {
    const b = koffi.decode(pointer, i, 'uint8_t');
    if (b === 0) break;
    out.push(b);
  }
  return Uint8Array.from(out);
}

function handle(message) {
  if (message.op === 'load') {
    if (library && libraryPath === message.path) return {};
    try {
      library = koffi.load(message.path);
      libraryPath = message.path;
      return {};
    } catch (e) {
      return { error: { kind: 'load', message: String(e.message ?? e) } };
    }
  }
  if (message.op === 'call') {
    if (!library) return { error: { kind: 'protocol', message: 'no library loaded' } };
    let fn;
    try {
      fn = bind(message.name, message.convention, message.result, message.params);
    } catch (e) {
      return { error: { kind: 'symbol', message: String(e.message ?? e) } };
    }
    const outs = [];
    const args = message.params.map((p, i) => {
      const a = message.args[i];
      if (p === 'in') return Buffer.from(a);
      if (p === 'out') {
        const buf = Buffer.alloc(a);
        outs.push(buf);
        return buf;
      }
      return a;
    });
    const raw = fn(...args);
    const result = message.result === 'string' ? bytesAt(raw) : Number(raw);
    return { result, outs: outs.map((b) => new Uint8Array(b)) };
  }
  return { error: { kind: 'protocol', message: `unknown op ${message.op}` } };
}

function onRequest(message) {
  let reply;
  try {
    reply = handle(message);
  } catch (e) {
    reply = { error: { kind: 'call', message: String(e?.message ?? e) } };
  }
  send({ id: message.id, ...reply });
}

// Started by Electron's utilityProcess (the packaged app, whose RunAsNode fuse is off), messages come
// through process.parentPort and the host ends with its parent; started as another Node (the 32-bit
// node.exe for a 32-bit DLL, node.exe under Wine), over a loopback socket to the port in the environment
// (host-wire.mjs); started by Node's fork (CLI, web mode, tests), through the IPC channel.
const parentPort = process.parentPort;
const port = Number(process.env[SOCKET_ENV.port]);
let send;
if (parentPort) {
  send = (m) => parentPort.postMessage(m);
  parentPort.on('message', (event) => onRequest(event.data));
} else if (port) {
  const token = process.env[SOCKET_ENV.token] ?? '';
  // The vendor DLL has no business with the token.
  delete process.env[SOCKET_ENV.token];
  const socket = connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  socket.write(`${token}\n`);
  send = (m) => socket.write(encodeLine(m));
  createInterface({ input: socket, crlfDelay: Infinity }).on('line', (line) => onRequest(decodeLine(line)));
  // The counter went away (or closed the reader), or never answered: nothing left to do.
  socket.on('close', () => process.exit(0));
  socket.on('error', () => process.exit(0));
} else {
  send = (m) => process.send(m);
  process.on('message', onRequest);
  // The counter went away (or closed the reader): nothing left to do.
  process.on('disconnect', () => process.exit(0));
}
