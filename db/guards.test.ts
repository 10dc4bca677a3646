import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempEngine } from '../test/helpers';
import { allGuards, enumColumns, missingGuards } from './guards';
import { SYNCED_TABLES } from './synced';
import { write } from './write';

const migrationsSql = () =>
  fs
    .readdirSync(path.join(__dirname, 'migrations'))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(__dirname, 'migrations', f), 'utf8'))
    .join('\n--> statement-breakpoint\n');

describe('generated guards', () => {
  it('the migrations create exactly the guards and value checks the schema calls for (run npm run db:guards if not)', () => {
    expect(missingGuards(migrationsSql()).map((t) => t.name)).toEqual([]);
  });

  it('a new synced table or value list is found missing, and a hand-edited guard is an error', () => {
    const sql = migrationsSql();
    const withoutTeams = sql.replace(/CREATE TRIGGER `teams_guard_update`[\s\S]*?END;/, '');
    expect(missingGuards(withoutTeams).map((t) => t.name)).toEqual(['teams_guard_update']);
    const edited = sql.replace("'teams: a row was changed without", "'teams: changed without");
    expect(() => missingGuards(edited)).toThrow(/teams_guard_update in the migrations differs/);
  });

  it('every synced table has its three write-path guards, and every value list its checks, in a fresh database', () => {
    const t = tempEngine();
    try {
      const triggers = new Set(
        (t.engine.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name),
      );
      for (const table of SYNCED_TABLES)
        for (const suffix of ['insert', 'update', 'delete']) expect(triggers).toContain(`${table}_guard_${suffix}`);
      for (const g of allGuards()) expect(triggers).toContain(g.name);
      expect(enumColumns().map((c) => `${c.table}.${c.column}`)).toEqual([
        'members.role',
        'initiatives.status',
        'import_batches.kind',
        'shadow_processes.kind',
        'override_reviews.verdict',
        'override_reviews.reason_code',
        'stakeholders.support',
        'stakeholder_concerns.kind',
        'stakeholder_concerns.status',
        'stakeholder_sessions.kind',
        'session_attendees.sentiment',
        'stakeholder_actions.status',
        'champions.status',
        'champion_activities.kind',
        'feedback.category',
        'feedback.severity',
        'feedback.caught',
        'feedback.status',
        'failure_patterns.category',
        'failure_patterns.status',
        'plan_touchpoints.channel',
        'stakeholder_fields.type',
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('a value outside its list is refused by SQL, even through the write path', () => {
    const t = tempEngine();
    try {
      expect(() => write(t.engine, null, 'members', 'm1', { name: 'Ann', email: null, role: 'admin' }, 'create')).toThrow(
        /members\.role must be one of change_manager, champion, sponsor/,
      );
      write(t.engine, null, 'members', 'm1', { name: 'Ann', email: null, role: 'sponsor' }, 'create');
      expect(() => write(t.engine, null, 'members', 'm1', { role: 'owner' }, 'update')).toThrow(/members\.role must be one of/);
    } finally {
      t.cleanup();
    }
  });
});
