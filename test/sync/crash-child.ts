/**
 * One sync in a process of its own, for test/sync/crash.test.ts to kill at a random point:
 * `node --import tsx test/sync/crash-child.ts DB FOLDER [WORKSPACE]`. Says "ready" once the
 * database is open and "done" when the sync has finished.
 */
import { open } from '../../db/open';
import { syncFolder } from '../../db/sync/sync';

const [db, folder, workspace] = process.argv.slice(2);
if (!db || !folder) throw new Error('usage: crash-child.ts DB FOLDER [WORKSPACE]');
const engine = open(db);
process.stdout.write('ready\n');
syncFolder(engine, folder, workspace ? { workspace } : {});
engine.close();
process.stdout.write('done\n');
