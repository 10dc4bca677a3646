import { ActionIcon, Button, Checkbox, Group, Menu, Modal, Popover, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns3, IconLayoutList, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useWorkspace } from '../api/workspace';
import type { Column } from './DataTable';

/*
 * A table's column chooser and saved views, for any screen's DataTable. Both are the acting
 * member's own display choices on this device, kept in localStorage under the screen's key and the
 * member's id: they are not workspace data (nobody else's table changes), so they stay out of the
 * change log and sync.
 */

/** Which columns show, in which order, by header; the first column (what names a row) always shows. */
export interface ColumnChoice {
  order: string[];
  hidden: string[];
  /** Columns hidden by default (Column.hiddenByDefault) that were chosen; absent in choices saved before there were any. */
  shown?: string[];
}
export const ALL_COLUMNS: ColumnChoice = { order: [], hidden: [] };

/** The columns as chosen: in the chosen order (columns the choice does not know keep their place at the end), without the hidden ones. */
export function chooseColumns<R>(columns: readonly Column<R>[], choice: ColumnChoice): Column<R>[] {
  const [first, ...rest] = columns;
  if (!first) return [];
  const rank = (c: Column<R>) => {
    const i = choice.order.indexOf(c.header);
    return i === -1 ? choice.order.length + rest.indexOf(c) : i;
  };
  return [first, ...rest.filter((c) => isShown(c, choice)).sort((a, b) => rank(a) - rank(b))];
}

function isShown<R>(c: Column<R>, choice: ColumnChoice): boolean {
  return c.hiddenByDefault ? (choice.shown ?? []).includes(c.header) : !choice.hidden.includes(c.header);
}

/** The choice with one column shown or hidden. */
function toggle<R>(choice: ColumnChoice, c: Column<R>, show: boolean): ColumnChoice {
  const without = (list: string[] | undefined) => (list ?? []).filter((h) => h !== c.header);
  if (c.hiddenByDefault) return { ...choice, shown: show ? [...without(choice.shown), c.header] : without(choice.shown) };
  return { ...choice, hidden: show ? without(choice.hidden) : [...without(choice.hidden), c.header] };
}

function useStored<T>(key: string | null, fallback: T): [T, (value: T) => void] {
  const read = (): T => {
    if (!key) return fallback;
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback;
    }
  };
  const [state, setState] = useState<{ key: string | null; value: T }>(() => ({ key, value: read() }));
  // The acting member can change (profile switch): read their own choice then.
  const current = state.key === key ? state.value : read();
  if (state.key !== key) setState({ key, value: current });
  const set = (value: T) => {
    setState({ key, value });
    if (key) localStorage.setItem(key, JSON.stringify(value));
  };
  return [current, set];
}

/** The member's column choice for one screen's table. */
export function useColumnChoice(screen: string): [ColumnChoice, (c: ColumnChoice) => void] {
  const me = useWorkspace().data?.me?.id ?? null;
  return useStored<ColumnChoice>(me ? `uptake.columns.${screen}.${me}` : null, ALL_COLUMNS);
}

/** A button opening the list of columns: a checkbox shows or hides one, the arrows move it. */
export function ColumnChooser<R>({
  columns,
  choice,
  onChange,
}: {
  columns: readonly Column<R>[];
  choice: ColumnChoice;
  onChange: (c: ColumnChoice) => void;
}) {
  const [first, ...rest] = columns;
  // Every column in the chosen order, the hidden ones included (they keep their place).
  const ordered = chooseColumns(
    columns.map((c) => ({ ...c, hiddenByDefault: false })),
    { ...choice, hidden: [] },
  ).slice(1);
  const byHeader = new Map(columns.map((c) => [c.header, c]));
  const move = (header: string, by: -1 | 1) => {
    const order = ordered.map((c) => c.header);
    const i = order.indexOf(header);
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j] as string, order[i] as string];
    onChange({ ...choice, order });
  };
  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={4} data-testid="column-chooser" miw={220}>
          {first && <Checkbox label={first.header} checked disabled description="Always shown" size="sm" />}
          {ordered.map((c, i) => (
            <Group key={c.header} gap={4} justify="space-between" wrap="nowrap">
              <Checkbox
                size="sm"
                label={c.header}
                checked={isShown(byHeader.get(c.header) ?? c, choice)}
                onChange={(e) => onChange(toggle(choice, byHeader.get(c.header) ?? c, e.currentTarget.checked))}
              />
              <Group gap={2} wrap="nowrap">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  aria-label={`Move ${c.header} up`}
                  disabled={i === 0}
                  onClick={() => move(c.header, -1)}
                >
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  aria-label={`Move ${c.header} down`}
                  disabled={i === rest.length - 1}
                  onClick={() => move(c.header, 1)}
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
          <Button size="compact-xs" variant="subtle" onClick={() => onChange(ALL_COLUMNS)} mt={4}>
            Show all columns in their usual order
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export interface SavedView<S> {
  name: string;
  state: S;
}

/** The member's saved views of one screen: a name and the filters, sort and columns it restores. */
export function useSavedViews<S>(screen: string) {
  const me = useWorkspace().data?.me?.id ?? null;
  const [views, setViews] = useStored<SavedView<S>[]>(me ? `uptake.views.${screen}.${me}` : null, []);
  return {
    views,
    /** Saves under a name; the same name (any case) replaces the view. */
    save: (name: string, state: S) =>
      setViews(
        [...views.filter((v) => v.name.toLocaleLowerCase() !== name.toLocaleLowerCase()), { name, state }].sort((a, b) =>
          a.name.localeCompare(b.name),
        ),
      ),
    remove: (name: string) => setViews(views.filter((v) => v.name !== name)),
  };
}

/** The Views menu: pick a saved view, save the current one under a name, remove one. */
export function SavedViewsMenu<S>({
  views,
  current,
  onApply,
}: {
  views: ReturnType<typeof useSavedViews<S>>;
  current: S;
  onApply: (state: S) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const trimmed = name.trim();
    if (trimmed === '') return setError('Name the view, for example “Sceptics in Claims”.');
    if (trimmed.length > 60) return setError('At most 60 characters.');
    views.save(trimmed, current);
    setSaving(false);
  };
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconLayoutList size={16} />}>
            Views
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {views.views.length === 0 ? (
            <Menu.Label>No saved views yet</Menu.Label>
          ) : (
            views.views.map((v) => (
              <Menu.Item key={v.name} onClick={() => onApply(v.state)}>
                {v.name}
              </Menu.Item>
            ))
          )}
          <Menu.Divider />
          <Menu.Item
            onClick={() => {
              setName('');
              setError(null);
              setSaving(true);
            }}
          >
            Save current view…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={saving} onClose={() => setSaving(false)} title="Save the current view" size={440}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Saves the search, filters, sort and columns under a name, for you on this device. The same name replaces a view.
          </Text>
          <TextInput
            label="Name"
            data-autofocus
            value={name}
            error={error}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
            }}
          />
          {views.views.length > 0 && (
            <Stack gap={2}>
              <Text size="xs" fw={600}>
                Saved views
              </Text>
              {views.views.map((v) => (
                <Group key={v.name} justify="space-between" wrap="nowrap">
                  <Text size="sm">{v.name}</Text>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove the view ${v.name}`}
                    onClick={() => views.remove(v.name)}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setSaving(false)}>
              Cancel
            </Button>
            <Button onClick={save}>Save view</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
