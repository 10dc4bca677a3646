import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createORPCClient, ORPCError } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { ContractRouterClient } from '@orpc/contract';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import type { Contract } from '../../db/api/contract';
import { open } from '../../db/open';
import { startWebHost } from '../../scripts/web-host';
import { type Exit, outputOf, UPTAKE } from '../cli-path';
import { workspaceForEachTest } from '../helpers';

/*
 * An import reads its file across many awaits inside one transaction. Operations that arrive
 * meanwhile (another window, the web host) must not run inside it: they wait their turn, so a
 * dry run or a failed import cannot roll them back.
 */
const t = workspaceForEachTest({ teams: ['Claims'], initiatives: ['Triage'] });

function decisions(rows: number, badLast: boolean): string {
  const file = path.join(t.dir, `decisions-${rows}-${badLast}.csv`);
  const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
  for (let i = 0; i < rows; i++) lines.push(`2026-01-10T09:00:00Z,Triage,Claims,u${i % 50},r${i},accepted,`);
  if (badLast) lines.push('2026-01-10T09:00:00Z,Triage,Claims,u1,rX,maybe,');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('operations during an import', () => {
  it('an edit made while a dry run is reading survives the dry run’s rollback', async () => {
    const file = decisions(60_000, false);
    const dry = callTyped(t.host, 'imports.run', { kind: 'decisions', path: file, dryRun: true });
    const created = callTyped(t.host, 'teams.create', { name: 'Made during the import' });
    const [summary, team] = await Promise.all([dry, created]);
    expect(summary).toMatchObject({ dryRun: true, new: 60_000 });
    expect((await callTyped(t.host, 'teams.get', { id: team.id })).name).toBe('Made during the import');
    expect((await callTyped(t.host, 'reports.rows', { source: 'decisions' })).total).toBe(0);
  });

  it('an edit made while a failing import is reading survives its rollback, and the import error is kept', async () => {
    const file = decisions(60_000, true);
    const failing = callTyped(t.host, 'imports.run', { kind: 'decisions', path: file });
    const created = callTyped(t.host, 'teams.create', { name: 'Also made during the import' });
    await expect(failing).rejects.toThrow(/maybe/);
    const team = await created;
    const names = (await callTyped(t.host, 'teams.list', {})).map((x) => x.name);
    expect(names).toContain('Also made during the import');
    expect((await callTyped(t.host, 'teams.get', { id: team.id })).deleted).toBe(false);
  });
});

/*
 * Two processes on one database file, as a user gets them: the CLI importing while another CLI
 * command or the web host writes. SQLite lets one of them write at a time; the other waits
 * (busy_timeout) and then either goes ahead or says clearly what is busy, never "database is
 * locked" with a stack trace. An import holds the write lock only while it writes: checking the
 * file (its first pass) holds none, so a file with problems never makes anyone wait.
 */
const root = path.resolve(import.meta.dirname, '..', '..');

function cli(args: string[], env: Record<string, string> = {}): { done: Promise<Exit>; child: ChildProcess } {
  const child = spawn(process.execPath, [UPTAKE, ...args], { cwd: root, env: { ...process.env, UPTAKE_DB: '', ...env } });
  return { done: outputOf(child), child };
}

/** Resolves once `test` holds (polled), or rejects after `ms`. */
async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The import has its write lock once it has noted itself next to the database (db/busy.ts). */
const importHoldsLock = () => fs.existsSync(`${t.file}.writing.json`);
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |internal error|SqliteError/);

describe('two processes', () => {
  it('a write from another process during an import waits its turn, then goes ahead or says clearly what is busy', async () => {
    const file = decisions(300_000, false);
    // Started beforehand, the command waits for its input on stdin: it writes as soon as it gets it.
    const writing = cli(['--db', t.file, 'call', 'teams.create', '-']);
    const importing = cli(['--db', t.file, 'import', 'decisions', file]);
    await until(importHoldsLock, 90_000, 'the import to take the write lock');
    writing.child.stdin?.end('{"name":"Made during the import"}');
    const [imported, written] = await Promise.all([importing.done, writing.done]);
    expect(imported.code, imported.err).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ rows: 300_000, new: 300_000 });
    noStack(written.err);
    const names = (await callTyped(t.host, 'teams.list', {})).map((x) => x.name);
    if (written.code === 0) {
      expect(names).toContain('Made during the import');
    } else {
      // The import held the lock longer than this one waits (5 s): a user's problem, said plainly.
      expect(written.code).toBe(1);
      expect(written.err).toMatch(/is busy: an import of decisions-300000-false\.csv \(process \d+, started [\d:]+ UTC\) is writing to it/);
      expect(names).not.toContain('Made during the import');
    }
  }, 180_000);

  it('one that waits less than the import holds the lock: exit 1 naming the import, no stack trace, nothing changed', async () => {
    const file = decisions(300_000, false);
    const writing = cli(['--db', t.file, 'call', 'teams.create', '-'], { UPTAKE_BUSY_TIMEOUT_MS: '200' });
    const importing = cli(['--db', t.file, 'import', 'decisions', file]);
    await until(importHoldsLock, 90_000, 'the import to take the write lock');
    writing.child.stdin?.end('{"name":"Too early"}');
    const written = await writing.done;
    expect(written.code).toBe(1);
    expect(written.err).toMatch(
      /^uptake: The database .*uptake\.db is busy: an import of decisions-300000-false\.csv \(process \d+, started [\d:]+ UTC\) is writing to it, and did not finish within the 0\.2 s this waited\. Try again when it has finished; nothing was changed\.\n$/,
    );
    noStack(written.err);
    expect((await importing.done).code).toBe(0);
    expect((await callTyped(t.host, 'teams.list', {})).map((x) => x.name)).not.toContain('Too early');
    expect(fs.existsSync(`${t.file}.writing.json`)).toBe(false);
  }, 180_000);

  it('a write that reads before it writes waits for another process’s short write instead of failing at once', async () => {
    const writing = cli(['--db', t.file, 'call', 'teams.create', '-']);
    // Another process holds the write lock for 4 s (less than the 5 s a writer waits).
    const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 4000);`;
    const holder = spawn(process.execPath, ['-e', script, t.file], { cwd: root });
    let said = '';
    holder.stdout.on('data', (d: Buffer) => {
      said += d.toString();
    });
    await until(() => said.includes('locked'), 30_000, 'the other process to take the lock');
    const sent = performance.now();
    writing.child.stdin?.end('{"name":"After the wait"}');
    const written = await writing.done;
    expect(written.code, written.err).toBe(0);
    expect(JSON.parse(written.out).name).toBe('After the wait');
    expect(performance.now() - sent).toBeGreaterThan(1000);
  }, 60_000);

  it('checking a file holds no lock: writes from another process go ahead at once while a bad file is read, then refused', async () => {
    const file = decisions(300_000, true);
    const importing = cli(['--db', t.file, 'import', 'decisions', file]);
    // A second connection that does not wait at all: any lock held by the import fails it at once.
    process.env.UPTAKE_BUSY_TIMEOUT_MS = '0';
    const other = open(t.file);
    delete process.env.UPTAKE_BUSY_TIMEOUT_MS;
    let made = 0;
    try {
      let finished = false;
      void importing.done.then(() => {
        finished = true;
      });
      while (!finished) {
        await callTyped({ engine: other }, 'teams.create', { name: `Made while checking ${made}` });
        made++;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      other.close();
    }
    const refused = await importing.done;
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/row 300002, column "action", value "maybe"/);
    expect(made).toBeGreaterThan(3);
    expect((await callTyped(t.host, 'reports.rows', { source: 'decisions' })).total).toBe(0);
  }, 180_000);

  it('the web host answers a write during another process’s import with a clear 409, not a 500, and reads as usual', async () => {
    const staticDir = path.join(t.dir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Uptake</title>');
    process.env.UPTAKE_BUSY_TIMEOUT_MS = '200';
    const engine = open(t.file);
    delete process.env.UPTAKE_BUSY_TIMEOUT_MS;
    const web = await startWebHost({ engine, staticDir });
    const api: ContractRouterClient<Contract> = createORPCClient(
      new RPCLink({ url: `${web.origin}/rpc`, headers: { authorization: `Bearer ${web.token}` } }),
    );
    try {
      const importing = cli(['--db', t.file, 'import', 'decisions', decisions(300_000, false)]);
      await until(importHoldsLock, 90_000, 'the import to take the write lock');
      const refused = await api.teams.create({ name: 'Via the web host' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ORPCError);
      expect((refused as ORPCError<string, unknown>).status).toBe(409);
      expect((refused as ORPCError<string, unknown>).data).toMatchObject({ code: 'BUSY' });
      expect((refused as Error).message).toMatch(/is busy: an import of decisions-300000-false\.csv .* Try again when it has finished/);
      expect((await api.teams.list({})).map((x) => x.name)).toContain('Claims');
      expect((await importing.done).code).toBe(0);
      expect((await api.teams.create({ name: 'Via the web host' })).name).toBe('Via the web host');
    } finally {
      await web.close();
      engine.close();
    }
  }, 180_000);
});
