import { type } from '@orpc/contract';
import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  CHAMPION_STATUSES,
  type Champion,
  type ChampionActivity,
  type ChampionProgram,
  type Coverage,
} from '../../champions/model';
import {
  ById,
  championsAndManagers,
  changeManagers,
  count,
  everyone,
  id,
  isoDate,
  ListInput,
  mutation,
  oneOf,
  optionalText,
  query,
  text,
} from '../kit';

const coverageTarget = z
  .number({ error: 'coverageTarget must be a number' })
  .gt(0, 'coverageTarget must be above 0 (5 % is 0.05)')
  .max(1, 'coverageTarget is a fraction of active users, at most 1 (5 % is 0.05)');
const programFields = { name: text('Name', 160), initiativeId: id, coverageTarget: coverageTarget.optional() };
export const ProgramCreateInput = z.strictObject(programFields);
export const ProgramUpdateInput = z.strictObject({ id, ...z.strictObject(programFields).partial().shape });

const championFields = { programId: id, memberId: id, teamId: id, since: isoDate, status: oneOf('status', CHAMPION_STATUSES).optional() };
export const ChampionCreateInput = z.strictObject(championFields);
export const ChampionUpdateInput = z.strictObject({ id, ...z.strictObject(championFields).partial().shape });

export const ActivityCreateInput = z.strictObject({
  championId: id,
  kind: oneOf('kind', ACTIVITY_KINDS),
  date: isoDate,
  attendance: count('attendance'),
  notes: optionalText('Notes', 2000),
});

const changes = ['champions', 'history'] as const;
export const champions = {
  programs: query('The champion programs', everyone).input(ListInput).output(type<ChampionProgram[]>()),
  createProgram: mutation('Start a champion program for an initiative', changeManagers, changes)
    .input(ProgramCreateInput)
    .output(type<ChampionProgram>()),
  updateProgram: mutation('Change a champion program (its name or coverage target)', changeManagers, changes)
    .input(ProgramUpdateInput)
    .output(type<ChampionProgram>()),
  list: query('The champions of every program', everyone).input(ListInput).output(type<Champion[]>()),
  create: mutation('Name a champion in a team', changeManagers, changes).input(ChampionCreateInput).output(type<Champion>()),
  update: mutation('Change a champion (team, since, status)', changeManagers, changes).input(ChampionUpdateInput).output(type<Champion>()),
  delete: mutation('Remove a champion entered by mistake', changeManagers, changes).input(ById).output(type<Champion>()),
  activities: query('The activities of a program, latest first', everyone)
    .input(z.strictObject({ programId: id.nullable().optional() }).optional().default({}))
    .output(type<ChampionActivity[]>()),
  logActivity: mutation('Log a champion activity (demo, office hours, training…)', championsAndManagers, changes)
    .input(ActivityCreateInput)
    .output(type<ChampionActivity>()),
  deleteActivity: mutation('Remove an activity logged by mistake', changeManagers, changes).input(ById).output(type<ChampionActivity>()),
  coverage: query('Coverage per team against the target, and the teams failing the 60-day rule', everyone)
    .input(z.strictObject({ programId: id, asOf: isoDate.optional() }))
    .output(type<Coverage>()),
};
