// Child process for the crash test of large catalogue imports: imports a download file into a
// counter database as the sync does (the version recorded in the last batch's transaction) and
// kills itself with SIGKILL, without any cleanup, once `killAfterRows` rows are committed.
//
//   node --import tsx catalogue-import-child.ts <db file> <zip file> <expected rows> <batch size> <kill after rows>
import { readFileSync } from 'node:fs';
import { importCatalogueFile } from '../../src-main/catalogue/file-import';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';

const [file, zipFile, expected, batchSize, killAfter] = process.argv.slice(2);
const local = LocalCatalogue.open(file ?? '');
await importCatalogueFile(local.items, new Uint8Array(readFileSync(zipFile ?? '')), {
  infno: '1301',
  filename: 'crash.zip',
  expectedRows: Number(expected),
  batchSize: Number(batchSize),
  onRows: (rows) => {
    if (rows >= Number(killAfter)) process.kill(process.pid, 'SIGKILL');
  },
  onComplete: (r) => local.state.update('1301', { localVer: r.maxVer }),
});
process.stdout.write('completed\n');
