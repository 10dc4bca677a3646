import { Anchor, Box, Group, Select, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Quadrant, SupportLevel } from '../../../db/api/types';
import { orpc } from '../api/query';
import { useRecordRights } from '../api/workspace';
import { Dash } from '../components/Dash';
import { ImportCsvButton } from '../imports/ImportCsvButton';
import { type Column, DataTable, tombstoneRow } from '../kit/DataTable';
import { inDays, today } from '../kit/days';
import { useDelete, useRestore } from '../kit/deletion';
import { useDialog } from '../kit/dialog';
import { ChoiceFilter, FilterBar, SegmentedFilter, TeamFilter } from '../kit/filters';
import { ListPage, NoMatches } from '../kit/ListPage';
import { useRecordHistory } from '../kit/recordHistory';
import { type ColumnChoice, ColumnChooser, chooseColumns, SavedViewsMenu, useColumnChoice, useSavedViews } from '../kit/tableViews';
import { localeNumber } from '../locale/locale';
import { PlanView } from '../stakeholder-plan/PlanView';
import { NeedsAttention } from '../stakeholder-sessions/NeedsAttention';
import { teamAndBelow } from '../teams/hierarchy';
import { compareByField, fieldColumns, useStakeholderFields, withCustomFields } from './customFields';
import { ExportCsvButton } from './ExportCsv';
import { fieldFilter, passesFieldFilter } from './fieldFilters';
import { StakeholderGrid } from './Grid';
import { stakeholderHistory } from './history';
import {
  ADKAR_LABELS,
  matches,
  QUADRANT_LABELS,
  QUADRANT_OPTIONS,
  SORT_OPTIONS,
  SORTS,
  type SortKey,
  type Stakeholder,
  SUPPORT_OPTIONS,
} from './register';
import { type StakeholderEditing, StakeholderFormDialog } from './StakeholderForm';
import { SupportBadge } from './SupportBadge';
import { TeamView } from './TeamView';

const READ_ONLY = 'Only change managers can add or re-rate stakeholders.';
const NOWRAP = { style: { whiteSpace: 'nowrap' } } as const;
const NUMBER = { th: { ta: 'right' }, td: { ta: 'right', className: 'tabular' } } as const;

/** From this many custom fields shown, the register's own columns make room for them (registerColumns). */
const MANY_FIELDS = 3;

/**
 * The register's own columns, given how many custom fields are shown as columns too. With any,
 * Influence and Interest give way first in a narrow table (DataTable's `priority`): the quadrant
 * beside them sums them up, and the fields were chosen; at 1024 px the register with two fields
 * shown scrolled the page sideways. With MANY_FIELDS, Barrier point gives way too (it stays on the
 * person's page), and the name no longer claims its share, so the columns share the width.
 */
const registerColumns = (fieldsShown: number): Column<Stakeholder>[] => [
  {
    header: 'Name · team, title',
    // The column takes a share of the table's room, never less than 180 px; "team · title" is cut
    // at the column's width, not a fixed one, so it neither widens the table nor stops short of room.
    th: fieldsShown >= MANY_FIELDS ? {} : { w: '28%' },
    td: { miw: 180 },
    cell: (s) => {
      const detail = [s.team ?? 'No team', s.title].filter(Boolean).join(' · ');
      return (
        <>
          <Anchor href={`#/stakeholders/${s.id}`} size="sm" fw={500} c="inherit" underline="hover" data-testid="stakeholder-link">
            {s.name}
          </Anchor>
          <Text size="xs" c="dimmed" truncate="end" w={0} miw="100%" title={detail}>
            {detail}
          </Text>
        </>
      );
    },
  },
  { header: 'Support', td: NOWRAP, cell: (s) => <SupportBadge support={s.support} /> },
  { header: 'Influence', ...NUMBER, priority: fieldsShown > 0 ? 'low' : undefined, cell: (s) => s.influence },
  { header: 'Interest', ...NUMBER, priority: fieldsShown > 0 ? 'low' : undefined, cell: (s) => s.interest },
  { header: 'Quadrant', td: NOWRAP, cell: (s) => QUADRANT_LABELS[s.quadrant] },
  {
    header: 'Barrier point',
    td: NOWRAP,
    priority: fieldsShown >= MANY_FIELDS ? 'low' : undefined,
    cell: (s) => (s.barrierPoint ? ADKAR_LABELS[s.barrierPoint] : <Dash />),
  },
  {
    header: 'Concerns',
    ...NUMBER,
    th: { ta: 'right', title: 'Open concerns (not resolved)' },
    cell: (s) => (s.openConcerns > 0 ? s.openConcerns : <Dash />),
  },
  { header: 'Owner', priority: 'low', td: NOWRAP, cell: (s) => s.owner ?? <Dash /> },
];

const VIEWS = { table: 'Table', grid: 'Grid', teams: 'Teams', plan: 'Plan' } as const;
type View = keyof typeof VIEWS;

/** What a saved view of the register restores. */
interface RegisterView {
  search: string;
  team: string | null;
  support: SupportLevel | null;
  quadrant: Quadrant | null;
  /** A built-in sort, or `field:<id>` for a custom field. */
  sort: SortKey | FieldSort;
  columns: ColumnChoice;
  /** Custom fields' filters, by field id (absent in views saved before there were any). */
  fieldFilters?: Record<string, string>;
}

type FieldSort = `field:${string}`;
const FIELD_SORT = 'field:';

/** The register; at `/stakeholders/talk/:teamId`, the team view with who to talk to in that team. */
export function StakeholdersPage({ params }: { params?: { teamId?: string } }) {
  const talkTo = params?.teamId ?? null;
  const [view, setView] = useState<View>(talkTo ? 'teams' : 'table');
  const [search, setSearch] = useState('');
  const [team, setTeam] = useState<string | null>(null);
  const [support, setSupport] = useState<SupportLevel | null>(null);
  const [quadrant, setQuadrant] = useState<Quadrant | null>(null);
  const [sort, setSort] = useState<SortKey | FieldSort>('name');
  const [fieldFilters, setFieldFilters] = useState<Record<string, string>>({});
  const [showDeleted, setShowDeleted] = useState(false);
  const [columnChoice, setColumnChoice] = useColumnChoice('stakeholders');
  const savedViews = useSavedViews<RegisterView>('stakeholders');
  const current: RegisterView = { search, team, support, quadrant, sort, columns: columnChoice, fieldFilters };
  const applyView = (v: RegisterView) => {
    setSearch(v.search);
    setTeam(v.team);
    setSupport(v.support);
    setQuadrant(v.quadrant);
    setSort(v.sort);
    setColumnChoice(v.columns);
    setFieldFilters(v.fieldFilters ?? {});
  };
  const editing = useDialog<StakeholderEditing>();
  const customFields = useStakeholderFields(true).data;
  const liveFields = (customFields ?? []).filter((f) => !f.deleted);
  const history = useRecordHistory(withCustomFields(stakeholderHistory, customFields));
  const fieldCols = fieldColumns(liveFields);
  const columns = [...registerColumns(fieldCols.filter((c) => columnChoice.shown?.includes(c.header)).length), ...fieldCols];
  const shownColumns = chooseColumns(columns, columnChoice);
  const bounds = { today: today(), soon: inDays(30) };
  const sortField = sort.startsWith(FIELD_SORT) ? liveFields.find((f) => `${FIELD_SORT}${f.id}` === sort) : undefined;
  const compare = (a: Stakeholder, b: Stakeholder) =>
    sortField ? compareByField(sortField, a, b) : sort in SORTS ? SORTS[sort as SortKey].compare(a, b) : 0;
  const register = useQuery(orpc.stakeholders.list.queryOptions({ input: { includeDeleted: showDeleted } }));
  const teams = useQuery(orpc.teams.list.queryOptions({ input: {} }));
  const scope = useQuery(orpc.stakeholders.scope.queryOptions({ input: {} })).data;
  // A champion sees the people of the teams they champion; say which, so the register is not taken for everyone.
  const mine = scope?.limited ? scope.teams.map((t) => t.name).join(', ') : null;
  const can = useRecordRights('stakeholders');
  const restore = useRestore(orpc.stakeholders.restore.mutationOptions(), (s) => `“${s.name}” is back in the register.`);
  const remove = useDelete(orpc.stakeholders.delete.mutationOptions(), (s) => `“${s.name}” removed from the register.`, restore);

  const all = register.data ?? [];
  const live = all.filter((s) => !s.deleted);
  // A field shown as a column is filtered like support and quadrant, by what fieldFilter offers for its type.
  const shownFieldFilters = liveFields
    .filter((f) => shownColumns.some((c) => c.header === f.name))
    .flatMap((field) => {
      const filter = fieldFilter(
        field,
        live.map((s) => s.fields[field.id]),
        fieldFilters[field.id],
        localeNumber.format,
      );
      return filter ? [{ field, ...filter }] : [];
    });
  const activeFieldFilters = shownFieldFilters.flatMap(({ field, value }) => (value === null ? [] : [{ field, value }]));
  // A team includes its sub-teams, as in the report.
  const selected = teams.data?.find((t) => t.id === team);
  const inTeam = teamAndBelow(teams.data, selected);
  const filtered = search.trim() !== '' || team !== null || support !== null || quadrant !== null || activeFieldFilters.length > 0;
  const clearFilters = () => {
    setFieldFilters({});
    setSearch('');
    setTeam(null);
    setSupport(null);
    setQuadrant(null);
  };
  const opposedOrSceptical = live.filter((s) => s.support === 'opposed' || s.support === 'sceptical').length;
  const openConcerns = live.reduce((n, s) => n + s.openConcerns, 0);

  return (
    <ListPage
      screen="stakeholders"
      title="Stakeholders"
      description={
        live.length > 0
          ? `${live.length} ${live.length === 1 ? 'person' : 'people'}${mine ? ` in the teams you champion (${mine})` : ''} · ${opposedOrSceptical} opposed or sceptical · ${openConcerns} open ${openConcerns === 1 ? 'concern' : 'concerns'}`
          : 'The people whose support the rollout needs: their influence, interest, support, ADKAR and concerns.'
      }
      query={register}
      what="the stakeholder register"
      showDeleted={can.delete ? { checked: showDeleted, onChange: setShowDeleted } : undefined}
      actions={
        <>
          <ImportCsvButton kind="stakeholders" what="stakeholders" />
          {live.length > 0 && <ExportCsvButton />}
        </>
      }
      add={{
        allowed: can.create,
        onAdd: () => editing.open({ stakeholder: null }),
        label: 'New stakeholder',
        firstLabel: 'Add a stakeholder',
        disabledReason: READ_ONLY,
      }}
      filters={
        <>
          <Box px="lg" pb="sm">
            <NeedsAttention limit={8} />
          </Box>
          <FilterBar testId="stakeholder-filters">
            <SegmentedFilter id="stakeholder-view" label="View" value={view} onChange={setView} choices={VIEWS} />
            {(view === 'table' || view === 'grid') && (
              <>
                <TextInput
                  label="Search"
                  placeholder="Name, title, team, tag…"
                  leftSection={<IconSearch size={14} />}
                  w={200}
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                />
                <TeamFilter teams={teams.data} value={team} onChange={setTeam} w={200} />
                <ChoiceFilter label="Support" w={150} data={SUPPORT_OPTIONS} value={support} onChange={setSupport} />
                <ChoiceFilter label="Quadrant" w={160} data={QUADRANT_OPTIONS} value={quadrant} onChange={setQuadrant} />
                {view === 'table' && (
                  <>
                    {shownFieldFilters.map(({ field, options, value }) => (
                      <ChoiceFilter
                        key={field.id}
                        label={field.name}
                        w={field.type === 'choice' ? 150 : 180}
                        data={options}
                        value={value}
                        onChange={(v) => {
                          const { [field.id]: _gone, ...rest } = fieldFilters;
                          setFieldFilters(v ? { ...rest, [field.id]: v } : rest);
                        }}
                      />
                    ))}
                    {/* How the table shows its rows, kept together on one line when the filters wrap. */}
                    <Group gap="sm" align="flex-end" wrap="nowrap">
                      <Select
                        label="Sort by"
                        w={200}
                        data={[...SORT_OPTIONS, ...liveFields.map((f) => ({ value: `${FIELD_SORT}${f.id}`, label: f.name }))]}
                        value={sort}
                        allowDeselect={false}
                        onChange={(v) => setSort((v as SortKey | FieldSort | null) ?? 'name')}
                      />
                      <ColumnChooser columns={columns} choice={columnChoice} onChange={setColumnChoice} />
                      <SavedViewsMenu views={savedViews} current={current} onApply={applyView} />
                    </Group>
                  </>
                )}
              </>
            )}
          </FilterBar>
        </>
      }
      empty={{
        icon: <IconUsersGroup size={22} />,
        title: mine === '' ? 'Not a champion of any team yet' : 'No stakeholders yet',
        howToAdd:
          'Add the people whose support the rollout needs: team leads, sponsors, sceptics. Rate their influence and interest, their support and ADKAR, and note their concerns. A list kept in a spreadsheet comes in through Import CSV (the upload icon above).',
        whoAdds:
          mine === null
            ? 'Change managers keep the stakeholder register. Nothing to show until they add people.'
            : mine === ''
              ? 'Champions see the stakeholders of the teams they champion, and you champion no team yet. A change manager names you champion of a team on the Champions screen.'
              : `Champions see the stakeholders of the teams they champion (${mine}), and nobody in them is in the register yet. Change managers add people.`,
      }}
      history={history}
      dialogs={<StakeholderFormDialog dialog={editing} />}
    >
      {(rows) => {
        // The team view reads the whole register (its own query): the filters are the table's and the grid's.
        if (view === 'teams') return <TeamView talkTo={talkTo} />;
        if (view === 'plan') return <PlanView />;
        const shown = rows
          .filter(
            (s) =>
              matches(s, search, liveFields) &&
              activeFieldFilters.every(({ field, value }) => passesFieldFilter(field.type, s.fields[field.id], value, bounds)) &&
              (team === null || inTeam.has(s.teamId)) &&
              (support === null || s.support === support) &&
              (quadrant === null || s.quadrant === quadrant),
          )
          .sort((a, b) => compare(a, b) || a.name.localeCompare(b.name));
        if (shown.length === 0) {
          return (
            <NoMatches
              description="No stakeholder matches the search and filters. Clear them to see the whole register."
              onClear={filtered ? clearFilters : undefined}
            />
          );
        }
        if (view === 'grid') return <StakeholderGrid people={shown.filter((s) => !s.deleted)} canMove={can.update} />;
        return (
          <DataTable
            label="Stakeholders"
            horizontalSpacing={8}
            rows={shown}
            columns={shownColumns}
            rowProps={tombstoneRow('stakeholder-row')}
            history={history}
            actions={(s) =>
              s.deleted
                ? { more: can.restore ? [{ label: 'Restore', icon: <IconArrowBackUp size={14} />, onClick: () => restore(s) }] : [] }
                : {
                    onEdit: can.update ? () => editing.open({ stakeholder: s }) : undefined,
                    onDelete: can.delete
                      ? () =>
                          remove(s, {
                            title: `Delete ${s.name}?`,
                            message:
                              'They disappear from the register and the grid. Their ratings, concerns and history are kept; you can restore them.',
                            confirmLabel: 'Delete stakeholder',
                          })
                      : undefined,
                  }
            }
          />
        );
      }}
    </ListPage>
  );
}
