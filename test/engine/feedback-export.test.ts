import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { UPTAKE } from '../cli-path';
import { idsByName, workspaceForEachTest } from '../helpers';

const run = promisify(execFile);
const t = workspaceForEachTest({ teams: ['Leeds', 'York'], initiatives: ['Claims triage'] });

async function setup() {
  const id = await idsByName(t.host);
  const [leeds, york, initiativeId] = [id.team('Leeds'), id.team('York'), id.initiative('Claims triage')];
  const log = (teamId: string, aiSaid: string, caseRef: string | null = null) =>
    callTyped(t.host, 'feedback.create', {
      initiativeId,
      teamId,
      caseRef,
      aiSaid,
      whatWasRight: 'Refer',
      category: 'format variation',
      severity: 'high',
      caught: 'review',
    });
  // A cell a spreadsheet would run, and a second line inside a cell.
  const evil = await log(leeds, '=HYPERLINK("http://x","click")', '+CLM-1');
  const plain = await log(york, 'Approve\nthe claim');
  const gone = await log(leeds, 'deleted');
  await callTyped(t.host, 'feedback.delete', { id: gone.id });
  await callTyped(t.host, 'feedback.triage', { ids: [plain.id], status: 'wont_fix' });
  await callTyped(t.host, 'failurePatterns.create', { name: '@Scans', category: 'format variation', feedbackIds: [evil.id] });
  return { leeds, evil, plain };
}

describe('exporting feedback and patterns', () => {
  it('CSV goes through the safe writer (formulas neutralised), filtered, without deleted items; JSON has the same items', async () => {
    const { leeds, evil, plain } = await setup();
    const csv = await callTyped(t.host, 'feedback.export', { format: 'csv' });
    expect(csv.mimeType).toBe('text/csv');
    expect(csv.count).toBe(2);
    const rows = Papa.parse<Record<string, string>>(csv.content, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.id).sort()).toEqual([evil.id, plain.id].sort());
    const e = rows.find((r) => r.id === evil.id);
    expect(e?.ai_said).toBe('\'=HYPERLINK("http://x","click")');
    expect(e?.case_ref).toBe("'+CLM-1");
    expect(e?.pattern).toBe("'@Scans");
    expect(rows.find((r) => r.id === plain.id)?.ai_said).toBe('Approve\nthe claim');

    const open = await callTyped(t.host, 'feedback.export', { format: 'json', show: 'open', teamId: leeds });
    expect(JSON.parse(open.content).map((x: { id: string }) => x.id)).toEqual([evil.id]);
    const patterns = Papa.parse<Record<string, string>>(
      (await callTyped(t.host, 'feedback.export', { what: 'patterns', format: 'csv' })).content,
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data;
    expect(patterns).toMatchObject([{ name: "'@Scans", count: '1', teams: 'Leeds', status: 'open' }]);
  });

  it('the CLI exports them: uptake export feedback --format csv; CSV of the whole workspace is refused plainly', async () => {
    const { evil } = await setup();
    const { stdout } = await run(process.execPath, [UPTAKE, '--db', t.file, 'export', 'feedback', '--format', 'csv', '--show', 'open']);
    expect(stdout.split('\r\n')[0]).toMatch(/^id,reported_at,initiative,/);
    expect(stdout).toContain(evil.id);
    expect(stdout).not.toContain('Approve');
    const refused = await run(process.execPath, [UPTAKE, '--db', t.file, 'export', '--format', 'csv']).catch(
      (x: { stderr: string; code: number }) => x,
    );
    expect(refused).toMatchObject({ code: expect.any(Number) });
    expect((refused as { stderr: string }).stderr).toContain('the workspace export is JSON');
    expect((refused as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });
});
