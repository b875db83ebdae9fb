/**
 * Entry point of a parse worker of a large catalogue import (see stage-file.ts): stages each
 * batch it is sent and answers with the result or the error. Bundled as its own file next to
 * the CLI and the Electron main bundle (scripts/build-cli.mjs, electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { stageBatch, toWire, type StageContext, type StageJob } from './stage-file';

const port = parentPort;
if (port) {
  const ctx = workerData as StageContext;
  port.on('message', (job: StageJob) => {
    try {
      port.postMessage({ seq: job.seq, staged: stageBatch(job, ctx) });
    } catch (error) {
      port.postMessage({ seq: job.seq, error: toWire(error) });
    }
  });
  // Modules loaded (better-sqlite3 included): the importer may count on this thread.
  port.postMessage({ ready: true });
}
