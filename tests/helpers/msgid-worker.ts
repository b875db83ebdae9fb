// Child process for the concurrency test: prints N msgids generated on the given database.
import { MsgIdGenerator, SqliteMsgIdSequence } from '../../src-main/protocol/msgid';
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';

const [file, count] = process.argv.slice(2);
const db = openDatabase(file ?? '', { migrations: CLIENT_MIGRATIONS });
const gen = new MsgIdGenerator('P42010000001', new SqliteMsgIdSequence(db));
const ids: string[] = [];
for (let i = 0; i < Number(count); i++) ids.push(gen.next());
db.close();
process.stdout.write(ids.join('\n') + '\n');
