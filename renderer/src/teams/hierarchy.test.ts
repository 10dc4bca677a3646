import { expect, test } from 'vitest';
import { teamAndBelow } from './hierarchy';

const teams = [
  { id: 'ops', path: ['Operations'] },
  { id: 'claims', path: ['Operations', 'Claims'] },
  { id: 'night', path: ['Operations', 'Claims', 'Night shift'] },
  { id: 'opsx', path: ['Operations X'] },
  { id: 'sales', path: ['Sales'] },
];

test('a team filter keeps the team and every team below it, not a team whose name only starts the same', () => {
  expect([...teamAndBelow(teams, teams[1])]).toEqual(['claims', 'night']);
  expect([...teamAndBelow(teams, teams[0])]).toEqual(['ops', 'claims', 'night']);
});

test('no team chosen, or no teams loaded yet: nothing', () => {
  expect(teamAndBelow(teams, undefined).size).toBe(0);
  expect(teamAndBelow(undefined, teams[0]).size).toBe(0);
});
