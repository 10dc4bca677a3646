import { describe, expect, it } from 'vitest';
import { call, callTyped } from '../../db/api';
import { DEFAULT_METRIC_SETTINGS } from '../../db/metrics/model';
import { workspaceForEachTest } from '../helpers';

/*
 * What the shadow-process, review and settings screens rely on beyond the plain CRUD: a register
 * entry has a history like any record, and weights and thresholds that could never make sense
 * are refused with a message naming the field.
 */
const t = workspaceForEachTest();

describe('shadow-process history', () => {
  it('records who created, retired and deleted a process, field by field', async () => {
    const team = await callTyped(t.host, 'teams.create', { name: 'Claims North' });
    const p = await callTyped(t.host, 'shadowProcesses.create', {
      name: 'Reserve tracker',
      teamId: team.id,
      kind: 'spreadsheet',
      usersInvolved: 12,
      firstSeen: '2026-03-02',
    });
    await callTyped(t.host, 'shadowProcesses.update', { id: p.id, retiredOn: '2026-06-30' });
    await callTyped(t.host, 'shadowProcesses.delete', { id: p.id });
    const history = await callTyped(t.host, 'history.get', { table: 'shadow_processes', id: p.id });
    expect(history).toHaveLength(3);
    expect(history[2]?.created).toBe(true);
    expect(history[2]?.changes.find((c) => c.field === 'usersInvolved')?.to).toBe(12);
    expect(history[1]?.changes).toEqual([{ field: 'retiredOn', from: null, to: '2026-06-30' }]);
    expect(history[0]?.changes).toEqual([{ field: 'deleted', from: false, to: true }]);
    expect(history[0]?.author?.name).toBe('Dana Lee');
  });
});

describe('metric settings', () => {
  it('starts at the defaults of docs/metrics.md and saves a change', async () => {
    expect(await callTyped(t.host, 'metrics.settings', {})).toEqual(DEFAULT_METRIC_SETTINGS);
    const changed = {
      ...DEFAULT_METRIC_SETTINGS,
      thresholds: { ...DEFAULT_METRIC_SETTINGS.thresholds, highOverrideRate: 0.75 },
    };
    await callTyped(t.host, 'metrics.configure', changed);
    expect(await callTyped(t.host, 'metrics.settings', {})).toEqual(changed);
  });

  it('refuses all-zero weights and a low override threshold at or above the high one', async () => {
    await expect(
      call(t.host, 'metrics.configure', { ...DEFAULT_METRIC_SETTINGS, weights: { reliance: 0, trust: 0, shadowFree: 0 } }),
    ).rejects.toThrow(/weights\.reliance: at least one weight must be above 0/);
    await expect(
      call(t.host, 'metrics.configure', {
        ...DEFAULT_METRIC_SETTINGS,
        thresholds: { ...DEFAULT_METRIC_SETTINGS.thresholds, lowOverrideRate: 0.5 },
      }),
    ).rejects.toThrow(/thresholds\.lowOverrideRate: the low override rate must be below the high override rate/);
    // Weights need not sum to 1: they are renormalised over the components a slice has.
    const partial = { ...DEFAULT_METRIC_SETTINGS, weights: { reliance: 0.4, trust: 0.2, shadowFree: 0 } };
    await callTyped(t.host, 'metrics.configure', partial);
    expect((await callTyped(t.host, 'metrics.settings', {})).weights).toEqual(partial.weights);
  });
});
