import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportWorkspace } from '../../db/export';
import { changesDir } from '../../db/sync/files';
import { syncFolder } from '../../db/sync/sync';
import { currentWorkspace, initWorkspace } from '../../db/workspace/workspace';
import { FIELDS_PER_TEAM, generateTeams, insertDirect } from '../../scripts/bench/sync-data';
import { twoDatabases } from './devices';

/*
 * A workspace's history grows: many changes in one publish, snapshots for new devices, compaction.
 * Change logs are made by SQL inserts as the write path makes them (scripts/bench/sync-data.ts),
 * so thousands of changes cost milliseconds.
 */

const exported = (e: Parameters<typeof exportWorkspace>[0]) => JSON.stringify(exportWorkspace(e));
const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n');

describe('a growing workspace', () => {
  it('a publish of more changes than one file holds never splits one write between two files', () => {
    const { folder, a, b } = twoDatabases('uptake-growth-');
    const me = initWorkspace(a, 'Acme', 'Dana Lee');
    const before = a.sqlite.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number;
    // 5,000 records per file: with the workspace's own records first, record 5,000 falls inside a team's write.
    expect((5_000 - before) % FIELDS_PER_TEAM).not.toBe(0);
    const { log, teams } = generateTeams(a, me.id, 1_200, 'g');
    insertDirect(a, log, teams);
    const published = syncFolder(a, folder);
    expect(published.published).toEqual({ files: 2, changes: before + 6_000 });
    const dir = changesDir(folder, published.workspace, published.device);
    const [first, second] = ['000000000001.json', '000000000002.json'].map(
      (f) =>
        JSON.parse(lines(`${dir}/${f}`)[1] ?? '') as {
          changes: { hlc: string }[];
        },
    );
    expect(first?.changes.at(-1)?.hlc).not.toBe(second?.changes[0]?.hlc);

    const pulled = syncFolder(b, folder, { workspace: currentWorkspace(a)?.id });
    expect(pulled.problems).toEqual([]);
    expect(pulled.imported.changes).toBe(before + 6_000);
    expect(exported(b)).toBe(exported(a));
  });
});
