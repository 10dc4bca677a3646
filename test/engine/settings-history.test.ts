import { describe, expect, it } from 'vitest';
import { callTyped } from '../../db/api';
import { DEFAULT_METRIC_SETTINGS } from '../../db/metrics/model';
import { workspaceForEachTest } from '../helpers';

const ws = workspaceForEachTest();

describe('history of the weights and thresholds', () => {
  it('lists each save as the settings it changed, from the defaults on, newest first, with its author', async () => {
    expect(await callTyped(ws.host, 'history.get', { table: 'settings', id: 'metrics' })).toEqual([]);

    const first = { ...DEFAULT_METRIC_SETTINGS, weights: { ...DEFAULT_METRIC_SETTINGS.weights, reliance: 0.8 } };
    await callTyped(ws.host, 'metrics.configure', first);
    // Saving the same values again changes nothing and adds no entry.
    await callTyped(ws.host, 'metrics.configure', first);
    const second = {
      weights: { ...first.weights, trust: 0.4 },
      thresholds: { ...first.thresholds, minDecisions: 50, highOverrideRate: 0.75 },
    };
    await callTyped(ws.host, 'metrics.configure', second);

    const history = await callTyped(ws.host, 'history.get', { table: 'settings', id: 'metrics' });
    expect(history.map((e) => ({ author: e.author?.name, created: e.created, changes: e.changes }))).toEqual([
      {
        author: 'Dana Lee',
        created: false,
        changes: [
          { field: 'weights.trust', from: 0.25, to: 0.4 },
          { field: 'thresholds.highOverrideRate', from: 0.5, to: 0.75 },
          { field: 'thresholds.minDecisions', from: 30, to: 50 },
        ],
      },
      { author: 'Dana Lee', created: false, changes: [{ field: 'weights.reliance', from: 0.5, to: 0.8 }] },
    ]);
    expect(history[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
