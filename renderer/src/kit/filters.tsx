import { Select } from '@mantine/core';
import type { Initiative, Team } from '../../../db/api/types';
import { teamOptions } from '../teams/hierarchy';

/** A list screen's team filter: searchable, by path, empty for every team. */
export function TeamFilter({
  teams,
  value,
  onChange,
  w = 240,
}: {
  teams: readonly Team[] | undefined;
  value: string | null;
  onChange: (team: string | null) => void;
  w?: number;
}) {
  return (
    <Select label="Team" placeholder="All teams" clearable searchable w={w} data={teamOptions(teams)} value={value} onChange={onChange} />
  );
}

/** A screen's initiative filter: the initiatives not deleted, searchable, empty for every initiative. */
export function InitiativeFilter({
  initiatives,
  value,
  onChange,
  w = 240,
}: {
  initiatives: readonly Initiative[] | undefined;
  value: string | null;
  onChange: (initiative: string | null) => void;
  w?: number;
}) {
  return (
    <Select
      label="Initiative"
      placeholder="All initiatives"
      clearable
      searchable
      w={w}
      data={(initiatives ?? []).filter((i) => !i.deleted).map((i) => ({ value: i.id, label: i.name }))}
      value={value}
      onChange={onChange}
    />
  );
}
