import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Exit, UPTAKE } from './cli-path';
import { examplePath, OTHER_TOOL_STAKEHOLDER_COLUMNS } from './examples';
import { tempDir } from './helpers';

/*
 * `uptake import` and the file it is given, as a new user gets it wrong: a folder, a file they may
 * not read. Each is exit 1 and one message naming the path, and nothing is written. Real processes
 * and a real database; when the tests run as root (who may read any file), the CLI runs as the
 * unprivileged user `nobody`, so the file's permissions really apply.
 */
const tmp = tempDir('uptake-cli-import-files-');
const root = process.platform !== 'win32' && process.getuid?.() === 0;
/**
 * `nobody`, when the tests run as root and `nobody` may run the CLI from this clone (a clone in a
 * private folder, /root say, is out of its reach: then the permission test is skipped, saying so).
 */
const nobody = ((): { uid: number; gid: number } | null => {
  if (!root) return null;
  const id = { uid: 65534, gid: 65534 };
  return spawnSync(process.execPath, [UPTAKE, '--help'], { ...id, encoding: 'utf8' }).status === 0 ? id : null;
})();
if (root && !nobody) console.log('Skipping the unreadable-file test: running as root, and user nobody cannot run the CLI from this clone.');
const db = path.join(tmp.dir, 'acme.db');

function uptake(args: string[]): Exit {
  const r = spawnSync(process.execPath, [UPTAKE, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, UPTAKE_DB: '', HOME: tmp.dir },
    ...(nobody ?? {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A mapping file for examples/stakeholders-other-tool.csv. */
function mappingFile(): string {
  const file = path.join(tmp.dir, 'stakeholder-tool.json');
  const header = ['Full name', 'Job title', 'Department', 'E-mail', 'Power', 'Interest', 'Stance'];
  fs.writeFileSync(
    file,
    JSON.stringify({ name: 'Stakeholder tool', kind: 'stakeholders', header, columns: OTHER_TOOL_STAKEHOLDER_COLUMNS }),
  );
  return file;
}

function expectUserMistake(r: Exit, message: string) {
  expect(r.code, r.err).toBe(1);
  expect(r.err).toBe(`uptake: ${message}\n`);
}

beforeAll(() => {
  if (nobody) {
    fs.chmodSync(tmp.dir, 0o755);
    fs.chownSync(tmp.dir, nobody.uid, nobody.gid);
  }
  expect(uptake(['init', '--workspace', 'Acme', '--me', 'Dana Lee']).code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe('uptake import: a path that is not a CSV file it may read', { timeout: 120_000 }, () => {
  it('a folder is exit 1 and says it is a folder, for every kind and with a mapping', () => {
    const before = uptake(['export']).out;
    const folder = path.dirname(examplePath('usage.csv'));
    for (const args of [
      ['usage', folder],
      ['decisions', folder],
      ['stakeholders', folder],
      ['decisions', folder, '--mapping', 'ai-decision-log'],
    ]) {
      expectUserMistake(uptake(['import', ...args]), `${folder} is a folder, not a CSV file. Give the path of the CSV file itself.`);
    }
    expect(uptake(['export']).out).toBe(before);
  });

  // Windows has no read bit: a file there is made unreadable by an ACL, which Node cannot set.
  it.skipIf(process.platform === 'win32' || (root && !nobody))('a file it may not read is "permission denied", not "no such file"', () => {
    const secret = path.join(tmp.dir, 'secret.csv');
    fs.copyFileSync(examplePath('usage.csv'), secret);
    // Owned by root, readable by its owner only; as any other user: readable by nobody.
    fs.chmodSync(secret, nobody ? 0o600 : 0o000);
    const before = uptake(['export']).out;
    for (const kind of ['usage', 'decisions']) {
      expectUserMistake(
        uptake(['import', kind, secret]),
        `Cannot read ${secret}: permission denied. Ask its owner for read access, or import a copy you may read.`,
      );
    }
    expect(uptake(['export']).out).toBe(before);
    const missing = path.join(tmp.dir, 'missing.csv');
    expectUserMistake(uptake(['import', 'usage', missing]), `${missing}: no such file. Check the path.`);
  });

  it('a dry run writes nothing, and its progress says so: "Counting changes", never "Writing"', () => {
    const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
    for (let i = 0; i < 5000; i++) lines.push(`2026-01-10T09:00:00Z,Triage,Claims North,u${i % 40},r${i},accepted,`);
    const file = path.join(tmp.dir, 'decisions.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const before = uptake(['export']).out;
    for (const [kind, csv] of [
      ['decisions', file],
      ['usage', examplePath('usage.csv')],
      ['stakeholders', examplePath('stakeholders-other-tool.csv')],
    ] as const) {
      const r = uptake([
        'import',
        kind,
        csv,
        '--dry-run',
        '--create-missing',
        ...(kind === 'stakeholders' ? ['--mapping', mappingFile()] : []),
      ]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(
        new RegExp(
          `^Counting changes in ${path.basename(csv).replace('.', '\\.')} \\(dry run, nothing is written\\): [\\d,]+ rows? \\(\\d+\\.\\d s\\)$`,
          'm',
        ),
      );
      expect(r.err).not.toMatch(/Writing/);
      expect(r.err).toMatch(/nothing was written/);
    }
    expect(uptake(['export']).out).toBe(before);
  });
});
