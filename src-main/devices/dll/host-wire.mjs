// The DLL host's socket transport, one JSON message a line. Used where Node's IPC channel cannot reach:
// a host in another Node (the 32-bit node.exe that loads a 32-bit vendor DLL for the 64-bit counter,
// or node.exe under Wine in CI) connects back to the counter over loopback TCP. Bytes (the DLL's in and
// out buffers) travel as {"$bytes": base64}; the messages themselves are the IPC ones, unchanged.

/** One message as a line (ends with "\n"). */
export function encodeLine(message) {
  return (
    JSON.stringify(message, function bytesAsBase64(key, value) {
      // `this[key]` is the value before Buffer.prototype.toJSON turned it into {type, data}.
      const raw = this[key];
      return raw instanceof Uint8Array
        ? { $bytes: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') }
        : value;
    }) + '\n'
  );
}

/** A line back into the message, bytes as Uint8Array. */
export function decodeLine(line) {
  return JSON.parse(line, (_key, value) =>
    value !== null && typeof value === 'object' && typeof value.$bytes === 'string'
      ? new Uint8Array(Buffer.from(value.$bytes, 'base64'))
      : value,
  );
}

/** Environment variables that tell a host to connect back: the port, and the token it must present first. */
export const SOCKET_ENV = { port: 'YIBAO_DLL_HOST_PORT', token: 'YIBAO_DLL_HOST_TOKEN' };
