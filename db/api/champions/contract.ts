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
  championsAndManagers,
  changeManagers,
  count,
  everyone,
  id,
  isoDate,
  oneOf,
  optionalText,
  query,
  recordOperations,
  text,
  updateInput,
} from '../kit';

const coverageTarget = z
  .number({ error: 'coverageTarget must be a number' })
  .gt(0, 'coverageTarget must be above 0 (5 % is 0.05)')
  .max(1, 'coverageTarget is a fraction of active users, at most 1 (5 % is 0.05)');
const programFields = { name: text('Name', 160), initiativeId: id, coverageTarget: coverageTarget.optional() };
export const ProgramCreateInput = z.strictObject(programFields);
export const ProgramUpdateInput = updateInput(programFields);

const championFields = { programId: id, memberId: id, teamId: id, since: isoDate, status: oneOf('status', CHAMPION_STATUSES).optional() };
export const ChampionCreateInput = z.strictObject(championFields);
export const ChampionUpdateInput = updateInput(championFields);

export const ActivityCreateInput = z.strictObject({
  championId: id,
  kind: oneOf('kind', ACTIVITY_KINDS),
  date: isoDate,
  attendance: count('attendance'),
  notes: optionalText('Notes', 2000),
});

const changes = ['champions', 'history'] as const;
const programOps = recordOperations<ChampionProgram>(changes);
const championOps = recordOperations<Champion>(changes);
const activityOps = recordOperations<ChampionActivity>(changes);
export const champions = {
  programs: programOps.list('The champion programs'),
  createProgram: programOps.change('Start a champion program for an initiative', changeManagers, ProgramCreateInput),
  updateProgram: programOps.change('Change a champion program (its name or coverage target)', changeManagers, ProgramUpdateInput),
  list: championOps.list('The champions of every program'),
  create: championOps.change('Name a champion in a team', changeManagers, ChampionCreateInput),
  update: championOps.change('Change a champion (team, since, status)', changeManagers, ChampionUpdateInput),
  delete: championOps.byId('Remove a champion entered by mistake', changeManagers),
  activities: query('The activities of a program, latest first', everyone)
    .input(z.strictObject({ programId: id.nullable().optional() }).optional().default({}))
    .output(type<ChampionActivity[]>()),
  logActivity: activityOps.change('Log a champion activity (demo, office hours, training…)', championsAndManagers, ActivityCreateInput),
  deleteActivity: activityOps.byId('Remove an activity logged by mistake', changeManagers),
  coverage: query('Coverage per team against the target, and the teams failing the 60-day rule', everyone)
    .input(z.strictObject({ programId: id, asOf: isoDate.optional() }))
    .output(type<Coverage>()),
};
