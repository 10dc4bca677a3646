import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runUptake } from './cli-path';
import { tempDir } from './helpers';

/* The CLI as a user runs it: a real process, a real database file, exit codes and stderr. */
const root = path.resolve(import.meta.dirname, '..');
const tmp = tempDir('uptake-cli-');
afterAll(() => tmp.cleanup());

const uptake = runUptake;

// Each case starts several processes; on a loaded machine one takes seconds.
describe('uptake CLI', { timeout: 180_000 }, () => {
  const db = path.join(tmp.dir, 'acme.db');

  it('init, create a team, export it, and refuse a sponsor', () => {
    const init = uptake(['--db', db, 'init', '--workspace', 'Acme', '--me', 'Dana Lee']);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out).me.name).toBe('Dana Lee');
    const team = uptake(['--db', db, 'call', 'teams.create', '{"name":"Claims North"}']);
    expect(team.code).toBe(0);
    expect(JSON.parse(team.out).name).toBe('Claims North');
    const exported = uptake(['--db', db, 'export', '--format', 'json']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out).tables.teams.map((t: { name: string }) => t.name)).toEqual(['Claims North']);
    expect(uptake(['--db', db, 'call', 'members.create', '-'], '{"name":"Priya Shah","role":"sponsor"}').code).toBe(0);
    const withSponsor = uptake(['--db', db, 'export']).out;
    const refused = uptake(['--db', db, '--as', 'Priya Shah', 'call', 'teams.create', '{"name":"Claims South"}']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Priya Shah is a sponsor and may not run teams\.create: only a change manager may/);
    expect(uptake(['--db', db, 'export']).out).toBe(withSponsor);
  });

  it('call workspace.update sets the recommendation link; a bad one is refused and changes nothing', () => {
    const bad = uptake(['--db', db, 'call', 'workspace.update', '{"name":"Renamed","recommendationLink":"ftp://claims.example/{id}"}']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /recommendationLink: the recommendation link must start with https:\/\/ or http:\/\/, e\.g\. https:\/\/claims\.example\/rec\/\{id\}/,
    );
    const set = uptake(['--db', db, 'call', 'workspace.update', '{"recommendationLink":"https://claims.example/rec/{id}"}']);
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ workspace: { name: 'Acme' }, recommendationLink: 'https://claims.example/rec/{id}' });
  });

  it('bad input: a clear message, exit code 1, nothing changed', () => {
    const before = uptake(['--db', db, 'export']).out;
    const cases: [string[], RegExp][] = [
      [['call', 'teams.create', '{name:'], /not valid JSON/],
      [['call', 'teams.nope', '{}'], /Unknown operation "teams\.nope"/],
      [['call', 'teams.create', '{"name":5,"extra":1}'], /name: Team name must be text[\s\S]*unknown field "extra"/],
      // A field left out is required, not of the wrong type (zod reports both as a wrong type).
      [['call', 'teams.create'], /^uptake: Invalid input for teams\.create:\n {2}name: Team name is required\n/],
      [['call', 'feedback.export', '{"what":"feedback"}'], /\n {2}format: format is required\n/],
      [['call', 'teams.update', '{"name":"X"}'], /\n {2}id: id is required\n/],
      [['call', 'teams.create', '{"name":"X","headcount":"many"}'], /headcount: headcount must be a whole number/],
      [['call', 'teams.update', '{"id":"missing","name":"X"}'], /No team with id missing/],
      [['--as', 'Nobody', 'call', 'teams.list'], /no member named or with id "Nobody"/],
      [['init', '--workspace', 'Again', '--me', 'Me'], /already holds a workspace/],
      [['export', '--format', 'xml'], /Allowed choices are json/],
    ];
    for (const [args, message] of cases) {
      const r = uptake(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(message);
    }
    expect(uptake(['--db', db, 'export']).out).toBe(before);
  });

  it('names the flag or argument the user typed and the bad value, not the API field; writes nothing', () => {
    const before = uptake(['--db', db, 'export']).out;
    const cases: [string[], string][] = [
      [
        ['import', 'usgae', 'x.csv'],
        'uptake: Unknown import kind "usgae". Kinds: usage, decisions, pulse, shadow-processes, people, stakeholders.',
      ],
      [['report', '--from', '2026-13'], 'uptake: --from: 2026-13 is not a month (YYYY-MM), e.g. 2026-03.'],
      [['report', '--format', 'csv', '--to', '2026-1'], 'uptake: --to: 2026-1 is not a month (YYYY-MM), e.g. 2026-03.'],
      [['report', '--from', '2026-07', '--to', '2026-03'], 'uptake: --from 2026-07 is after --to 2026-03'],
      [['demo', '--seed', 'abc'], 'uptake: --seed: expected a whole number from 0 to 9007199254740991, got "abc".'],
      [['init', '--workspace', ' ', '--me', 'Dana Lee'], 'uptake: --workspace: Workspace name cannot be empty.'],
    ];
    for (const [args, message] of cases) {
      const r = uptake(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err.startsWith(message), `${args.join(' ')}: ${r.err}`).toBe(true);
      expect(r.err, args.join(' ')).not.toMatch(/Invalid input for|imports\.run|reports\.export|workspace\.init/);
    }
    expect(uptake(['--db', db, 'export']).out).toBe(before);
  });

  it('says "1 row", not "1 rows"', () => {
    const file = path.join(tmp.dir, 'one-row.csv');
    fs.writeFileSync(
      file,
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n2026-01,Claims North,Triage,10,8,100,90\n',
    );
    const r = uptake(['--db', db, 'import', 'usage', file, '--dry-run', '--create-missing']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('Checked 1 row of one-row.csv: nothing was written. Importing it would add 1 new, 0 changed, 0 unchanged.');
  });

  it('unknown names: the message suggests --map and --create-missing; --map fixes them; the same file again needs --again', () => {
    const file = path.join(tmp.dir, 'misspelt.csv');
    fs.writeFileSync(
      file,
      'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed\n2026-03,Claims Nrth,Triage,10,8,100,90\n',
    );
    const db = path.join(tmp.dir, 'names.db');
    expect(uptake(['--db', db, 'init', '--workspace', 'Acme', '--me', 'Dana Lee']).code).toBe(0);
    expect(uptake(['--db', db, 'call', 'teams.create', '{"name":"Claims North"}']).code).toBe(0);
    expect(uptake(['--db', db, 'call', 'initiatives.create', '{"name":"Triage"}']).code).toBe(0);
    const before = uptake(['--db', db, 'export']).out;
    const refused = uptake(['--db', db, 'import', 'usage', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('unknown teams: "Claims Nrth" (row 2)');
    expect(refused.err).toContain('Did you mean "Claims North" for "Claims Nrth"?');
    expect(refused.err).toContain(`To use the names suggested: uptake import usage ${file} --map "Claims Nrth=Claims North"`);
    expect(refused.err).toContain('To create the unknown names instead: add --create-missing.');
    expect(uptake(['--db', db, 'export']).out).toBe(before);

    const args = ['--db', db, 'import', 'usage', file, '--map', 'Claims Nrth=Claims North', '--map', 'Triaje=Triage'];
    const done = uptake(args);
    expect(done.code, done.err).toBe(0);
    expect(done.err).toContain('Imported 1 row of misspelt.csv: 1 new, 0 changed, 0 unchanged.');
    const again = uptake(args);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^uptake: misspelt\.csv was already imported on \d+ \w{3} \d{4} by Dana Lee \(batch \w{8}, "misspelt\.csv"\)[^\n]*Nothing was written\.\nTo import it again anyway, add --again\.\n$/,
    );
    expect(uptake([...args, '--again']).err).toContain('Imported 1 row of misspelt.csv: 0 new, 0 changed, 1 unchanged.');
    expect(uptake(['--db', db, 'import', 'usage', file, '--map', 'Claims Nrth']).err).toMatch(/--map: "Claims Nrth" is not NAME=EXISTING/);
  });

  it('template prints a file of each kind: its header row and two example rows', () => {
    for (const kind of ['usage', 'decisions', 'pulse', 'shadow-processes']) {
      const r = uptake(['template', kind]);
      expect(r.code, r.err).toBe(0);
      const header = fs.readFileSync(path.join(root, 'examples', `${kind}.csv`), 'utf8').split('\n')[0];
      const lines = r.out.trimEnd().split('\r\n');
      expect(lines[0]).toBe(header);
      expect(lines).toHaveLength(3);
    }
    expect(uptake(['template', 'usgae']).err).toMatch(/Unknown import kind "usgae"/);
  });

  it('bad databases: missing folder, not SQLite, missing file', () => {
    const missing = uptake(['--db', path.join(tmp.dir, 'nope', 'x.db'), 'init', '--workspace', 'Acme', '--me', 'Dana Lee']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/folder .*nope does not exist/);
    const text = path.join(tmp.dir, 'notes.db');
    fs.writeFileSync(text, 'hello');
    const notDb = uptake(['--db', text, 'check']);
    expect(notDb.code).toBe(1);
    expect(notDb.err).toMatch(/not an Uptake database/);
    expect(fs.readFileSync(text, 'utf8')).toBe('hello');
    const none = uptake(['--db', path.join(tmp.dir, 'none.db'), 'export']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No workspace at .*none\.db: create one with `uptake init`/);
    expect(fs.existsSync(path.join(tmp.dir, 'none.db'))).toBe(false);
  });

  it('--version prints the package version; init --help names --me for the first change manager', () => {
    const version = uptake(['--version']);
    expect(version.code).toBe(0);
    expect(version.out).toBe(`${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}\n`);
    const help = uptake(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('create a new workspace, with you (--me) as its first change manager');
    expect(help.out).not.toContain('NAME is');
  });

  it('ops lists every operation with a JSON schema; check reports a consistent log', () => {
    const ops = JSON.parse(uptake(['ops']).out) as { name: string; input: { type?: string } }[];
    expect(ops.map((o) => o.name)).toContain('teams.create');
    expect(ops.find((o) => o.name === 'teams.create')?.input.type).toBe('object');
    const check = uptake(['--db', db, 'check']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, integrity: 'ok', changeLog: { mismatches: [] } });
  });

  it('demo makes a workspace that passes check', () => {
    const demo = path.join(tmp.dir, 'demo.db');
    expect(uptake(['--db', demo, 'demo']).code).toBe(0);
    const teams = JSON.parse(uptake(['--db', demo, 'call', 'teams.list']).out) as { name: string }[];
    expect(teams.length).toBeGreaterThan(5);
    expect(JSON.parse(uptake(['--db', demo, 'check']).out).ok).toBe(true);
  });

  it('import --help lists the columns of each kind, as the sample files have them', () => {
    const help = uptake(['import', '--help']);
    expect(help.code).toBe(0);
    for (const kind of ['usage', 'decisions', 'pulse', 'shadow-processes']) {
      const header = fs.readFileSync(path.join(root, 'examples', `${kind}.csv`), 'utf8').split('\n')[0];
      expect(help.out).toMatch(new RegExp(`^  ${kind} +${header}$`, 'm'));
    }
    expect(help.out).toContain('Optional (may be left out of decisions files): recommended, final.');
    expect(help.out).toContain('docs/metrics.md');
  });

  it('import prints its progress and a summary on stderr, the summary as JSON on stdout', () => {
    const file = path.join(tmp.dir, 'decisions.csv');
    const lines = ['timestamp,initiative,team,user,recommendation_id,action,reason'];
    for (let i = 0; i < 5000; i++)
      lines.push(`2026-01-10T09:00:00Z,Triage,Claims North,u${i % 40},r${i},${i % 4 ? 'accepted' : 'overridden'},`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const r = uptake(['--db', db, 'import', 'decisions', file, '--create-missing']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^Writing decisions\.csv: [\d,]+ rows \(\d+\.\d s\)$/m);
    expect(r.err).toMatch(/Imported 5,000 rows of decisions\.csv: 5000 new, 0 replaced, 0 duplicate\./);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'decisions', rows: 5000, new: 5000 });
  });
  it('export stakeholders writes the register as CSV; a JSON format for it is refused with what to run instead', () => {
    const own = path.join(tmp.dir, 'stakeholders.db');
    expect(uptake(['--db', own, 'init', '--workspace', 'Acme', '--me', 'Dana Lee']).code).toBe(0);
    const team = JSON.parse(uptake(['--db', own, 'call', 'teams.create', '{"name":"Claims North"}']).out) as { id: string };
    const person = { name: '@Ravi', teamId: team.id, influence: 4, interest: 4, support: 'opposed', desire: 2 };
    expect(uptake(['--db', own, 'call', 'stakeholders.create', JSON.stringify(person)]).code).toBe(0);
    const r = uptake(['--db', own, 'export', 'stakeholders']);
    expect(r.code, r.err).toBe(0);
    const [header, row] = r.out.split('\r\n');
    expect(header).toMatch(/^name,title,team,email,influence,interest,support,awareness,desire/);
    expect(row).toBe(`"'@Ravi",,Claims North,,4,4,opposed,,2,,,,desire,manage closely,0,,,`);
    const out = path.join(tmp.dir, 'stakeholders.csv');
    expect(uptake(['--db', own, 'export', 'stakeholders', '--out', out]).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe(r.out);
    const wrong = uptake(['--db', own, 'export', 'stakeholders', '--format', 'json']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/the stakeholders export is CSV; for everything as JSON run uptake export/);
    const byName = uptake(['--db', own, 'export', 'stakeholders', '--out', path.join(tmp.dir, 'stakeholders.json')]);
    expect(byName.code).toBe(1);
    expect(byName.err).toMatch(/--out .*stakeholders\.json \(a \.json file name\): the stakeholders export is CSV/);
    expect(fs.existsSync(path.join(tmp.dir, 'stakeholders.json'))).toBe(false);
    const show = uptake(['--db', own, 'export', '--show', 'open']);
    expect(show.code).toBe(1);
    expect(show.out).toBe('');
    expect(show.err).toBe(
      'uptake: --show open: only `uptake export feedback` takes --show (open, done or all items); export workspace has no such choice.\n',
    );
    const unknown = uptake(['--db', own, 'export', 'people']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /export people: export the workspace \(all data as JSON\), stakeholders \(the register as CSV\), feedback or patterns/,
    );
  });
});
