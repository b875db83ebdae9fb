/**
 * `PRAGMA quick_check` of a closed database file on a worker thread: on a file of hundreds of MB it
 * is one statement of seconds, which on the app's thread would freeze the counter's screens (the
 * archive run's verify step, README 流水归档). The worker opens the file read-only with the same
 * better-sqlite3 build the app loaded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  parentPort.postMessage(String(db.pragma('quick_check', { simple: true })));
} finally {
  db.close();
}`;

/** 'ok', or the first problem quick_check reports; rejects when the file cannot be opened. */
export function quickCheckOffThread(file: string): Promise<string> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    let answer: string | null = null;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    worker.once('message', (m: unknown) => (answer = String(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer !== null) resolve(answer);
      else reject(new Error(`quick_check worker for ${file} ended (exit ${code}) without an answer`));
    });
  });
}
