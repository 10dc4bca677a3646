import { Select } from '@mantine/core';
import type { Team } from '../../../db/api/types';
import { teamOptions } from '../teams/hierarchy';

/** A list screen's team filter: searchable, by path, empty for every team. */
export function TeamFilter({
  teams,
  value,
  onChange,
}: {
  teams: readonly Team[] | undefined;
  value: string | null;
  onChange: (team: string | null) => void;
}) {
  return (
    <Select label="Team" placeholder="All teams" clearable searchable w={240} data={teamOptions(teams)} value={value} onChange={onChange} />
  );
}
