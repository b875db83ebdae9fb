/**
 * A bench's server in a process of its own (the counter, the floor's bare page): started with tsx, it prints
 * `{"url": …}` on one line once serving and ends when its stdin ends (the bench gone, however it ended).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ServingChild {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServingChild(script: string, args: readonly string[]): Promise<ServingChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolveUrl((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`${script} ended (${String(code)}) before serving: ${out}`)));
  });
  return {
    url,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
