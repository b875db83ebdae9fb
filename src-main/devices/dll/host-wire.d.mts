/** Types of host-wire.mjs (plain JavaScript because the DLL host script imports it as is). */
export declare function encodeLine(message: object): string;
export declare function decodeLine(line: string): unknown;
export declare const SOCKET_ENV: { readonly port: string; readonly token: string };
