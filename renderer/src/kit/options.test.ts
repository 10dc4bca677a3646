import { expect, test } from 'vitest';
import { labelledOptions } from './options';

test('options keep the order of the values and take each label from the labels', () => {
  const labels = { low: 'Low', high: 'High' } as const;
  expect(labelledOptions(['high', 'low'], labels)).toEqual([
    { value: 'high', label: 'High' },
    { value: 'low', label: 'Low' },
  ]);
});
