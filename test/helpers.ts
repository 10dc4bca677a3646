import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { callTyped, type HostContext } from '../db/api';
import { UserError } from '../db/errors';
import { type Engine, open } from '../db/open';

/** A fresh folder under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'uptake-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file with the real migrations applied. */
export function tempEngine(): { engine: Engine; file: string; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'uptake.db');
  const engine = open(file);
  return {
    engine,
    file,
    dir,
    cleanup: () => {
      if (engine.sqlite.open) engine.close();
      cleanup();
    },
  };
}

/** The demo workspace (seed 1) in a temp database for the length of `use`, removed after. */
export async function withDemo(use: (host: HostContext) => Promise<void>): Promise<void> {
  const demo = tempEngine();
  try {
    const host: HostContext = { engine: demo.engine };
    await callTyped(host, 'workspace.demo', { seed: 1 });
    await use(host);
  } finally {
    demo.cleanup();
  }
}

export interface TestWorkspace {
  engine: Engine;
  /** What an API call runs as: this device's profile (the workspace's first change manager). */
  host: HostContext;
  file: string;
  dir: string;
  cleanup: () => void;
}

/**
 * A fresh database with a workspace ("Acme", change manager Dana Lee) and, optionally, teams and
 * initiatives by name, made through the API like a user would. Call it in `beforeEach` and
 * `cleanup` in `afterEach`.
 */
export async function withWorkspace(setup: { teams?: string[]; initiatives?: string[] } = {}): Promise<TestWorkspace> {
  const t = tempEngine();
  const host: HostContext = { engine: t.engine };
  await callTyped(host, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
  for (const name of setup.teams ?? []) await callTyped(host, 'teams.create', { name });
  for (const name of setup.initiatives ?? []) await callTyped(host, 'initiatives.create', { name });
  return { ...t, host };
}

/**
 * `withWorkspace` for every test of a file: a fresh workspace before each, removed after each.
 * Read its fields inside the tests (`ws.host`, `ws.dir`), not at the top of the file.
 */
export function workspaceForEachTest(setup: Parameters<typeof withWorkspace>[0] = {}): TestWorkspace {
  let current: TestWorkspace | null = null;
  beforeEach(async () => {
    current = await withWorkspace(setup);
  });
  afterEach(() => current?.cleanup());
  const get = (): TestWorkspace => {
    if (!current) throw new Error('workspaceForEachTest(): read the workspace inside a test, not at the top of the file.');
    return current;
  };
  return {
    get engine() {
      return get().engine;
    },
    get host() {
      return get().host;
    },
    get file() {
      return get().file;
    },
    get dir() {
      return get().dir;
    },
    cleanup: () => get().cleanup(),
  };
}

/** The user error a call ends with (the test fails if it succeeds or throws anything else). */
export async function userError(p: Promise<unknown>): Promise<UserError> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

/**
 * The workspace's teams, initiatives and members by name, for tests that set up with names and
 * need the ids: `(await idsByName(t.host)).team('Leeds')`. A name that is not there fails the test.
 */
export async function idsByName(host: HostContext) {
  const [teams, initiatives, members] = await Promise.all([
    callTyped(host, 'teams.list', {}),
    callTyped(host, 'initiatives.list', {}),
    callTyped(host, 'members.list', {}),
  ]);
  const lookup = (what: string, rows: readonly { id: string; name: string }[]) => (name: string) => {
    const id = rows.find((r) => r.name === name)?.id;
    if (!id) throw new Error(`idsByName(): no ${what} named "${name}" in the test workspace.`);
    return id;
  };
  return { team: lookup('team', teams), initiative: lookup('initiative', initiatives), member: lookup('member', members) };
}

/** The decision aggregates (decision_counts and decision_user_counts) by the names and values they stand for, in key order, as one string to compare. */
export const decisionAggregates = (engine: Engine): string =>
  JSON.stringify([
    engine.sqlite
      .prepare(
        `SELECT i.value, t.value, c.month, c.accepted, c.edited, c.overridden, c.ignored FROM decision_counts c
         JOIN signal_keys i ON i.id = c.initiative JOIN signal_keys t ON t.id = c.team ORDER BY 1, 2, 3`,
      )
      .raw()
      .all(),
    engine.sqlite
      .prepare(
        `SELECT i.value, t.value, c.month, u.value, c.total, c.acted, c.overridden FROM decision_user_counts c
         JOIN signal_keys i ON i.id = c.initiative JOIN signal_keys t ON t.id = c.team JOIN signal_keys u ON u.id = c.user
         ORDER BY 1, 2, 3, 4`,
      )
      .raw()
      .all(),
  ]);
