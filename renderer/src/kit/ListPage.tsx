import { Button, Group, Switch, Tooltip } from '@mantine/core';
import { IconFilterOff, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyTable } from '../components/EmptyTable';
import { Page } from '../components/Page';
import { type QueryLike, QueryState } from '../components/QueryState';
import { HistoryDrawer } from '../history/HistoryDrawer';
import type { RecordHistory } from './recordHistory';

interface ListPageProps<R> {
  /** `data-screen`, for tests and styling. */
  screen: string;
  title: string;
  description?: ReactNode;
  query: QueryLike<R[]> & { isSuccess: boolean };
  /** What the list holds, for "Loading …" and "Could not load …". */
  what: string;
  /** The "Show deleted" switch, for areas whose deletions are tombstones. */
  showDeleted?: { checked: boolean; onChange: (checked: boolean) => void };
  /** Buttons on the right of the header, after the switch. */
  actions?: ReactNode;
  /** Between the header and the table: the screen's filters, once the list has rows (an empty one has nothing to filter). */
  filters?: ReactNode;
  history: RecordHistory;
  /** The screen's form dialogs. */
  dialogs?: ReactNode;
  /** The table, once there are rows. */
  children: (rows: R[]) => ReactNode;
}

/** A list's adding and empty state: with an add action, the empty state may be copy for an EmptyList. */
type ListPageEmpty =
  | {
      /** Adding a record: the header's last button and, when `empty` is copy, the empty state's. */
      add: AddAction;
      /** What an empty list shows: its copy, or an empty state of its own. */
      empty: EmptyCopy | ReactNode;
    }
  | { add?: undefined; empty: ReactNode };

/** A screen listing one kind of record: header, filters, table or empty state, its dialogs and history drawer. */
export function ListPage<R>(props: ListPageProps<R> & ListPageEmpty) {
  const { screen, title, description, query, what, showDeleted, actions, filters, history, dialogs, children } = props;
  const adds = props.add !== undefined && addButtonShown(props.add);
  const empty = emptyState(props);
  return (
    <Page
      screen={screen}
      title={title}
      description={description}
      ready={query.isSuccess}
      actions={
        showDeleted || actions || adds ? (
          <>
            {showDeleted && (
              <Switch
                size="xs"
                label="Show deleted"
                checked={showDeleted.checked}
                onChange={(e) => showDeleted.onChange(e.currentTarget.checked)}
                mr="sm"
              />
            )}
            {actions}
            {props.add && <AddActionButton add={props.add} />}
          </>
        ) : undefined
      }
    >
      {(query.data?.length ?? 0) > 0 && filters}
      <QueryState query={query} what={what}>
        {(rows) => (rows.length === 0 ? empty : children(rows))}
      </QueryState>
      {dialogs}
      <HistoryDrawer format={history.format} target={history.target} onClose={history.close} />
    </Page>
  );
}

/** What ListPage shows for no rows: an EmptyList of the copy and the add action, or the screen's own. */
function emptyState(list: ListPageEmpty): ReactNode {
  if (list.add === undefined) return list.empty;
  return isEmptyCopy(list.empty) ? <EmptyList add={list.add} {...list.empty} /> : list.empty;
}

/**
 * A screen's add button. With `disabledReason` (the acting member may not add) it stays visible but
 * does nothing, and says why on hover and focus (aria-disabled keeps it focusable, unlike disabled).
 */
function AddButton({
  onClick,
  children,
  disabledReason,
  variant,
}: {
  onClick: () => void;
  children: ReactNode;
  disabledReason?: string | undefined;
  /** `default` for a quieter button, where the screen's main actions are elsewhere. */
  variant?: 'default' | undefined;
}) {
  if (disabledReason) {
    return (
      <Tooltip label={disabledReason} withArrow position="bottom-end" events={{ hover: true, focus: true, touch: false }}>
        <Button
          variant={variant}
          leftSection={<IconPlus size={16} />}
          data-disabled
          aria-disabled="true"
          onClick={(e) => e.preventDefault()}
        >
          {children}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button variant={variant} leftSection={<IconPlus size={16} />} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * Adding a record to a list, declared once for the header's button and the empty state's: who may,
 * what it opens, and the two labels.
 */
export interface AddAction {
  /** Whether the acting member may add. */
  allowed: boolean;
  /** Opens the form for a new record. */
  onAdd: () => void;
  /** The header button's label ("New team"). */
  label: string;
  /** The empty state's button label ("Add the first team"); the header's when absent. */
  firstLabel?: string;
  /** For who may not add: the header button stays, disabled, and says this; without it they do not see the button. */
  disabledReason?: string;
  /** `default` for a quieter header button, where the screen's main actions are in its sections. */
  variant?: 'default';
}

/** Whether the header shows the add button: to who may add, and to who may not when it says why. */
function addButtonShown(add: AddAction): boolean {
  return add.allowed || add.disabledReason !== undefined;
}

/** The header's button of an AddAction: nothing for who may not add unless it says why, then disabled. */
export function AddActionButton({ add }: { add: AddAction }) {
  if (!addButtonShown(add)) return null;
  return (
    <AddButton onClick={add.onAdd} disabledReason={add.allowed ? undefined : add.disabledReason} variant={add.variant}>
      {add.label}
    </AddButton>
  );
}

/** What an empty list says: to who may add, what to add; to who may not, who adds. */
export interface EmptyCopy {
  icon: ReactNode;
  title: string;
  /** What to add, for who may. */
  howToAdd: string;
  /** Who adds, for who may not. */
  whoAdds: string;
  /** For who may add, another way to fill the list, beside the add button (the two centred in a row). */
  beside?: ReactNode;
}

function isEmptyCopy(empty: EmptyCopy | ReactNode): empty is EmptyCopy {
  return typeof empty === 'object' && empty !== null && 'whoAdds' in empty;
}

/**
 * A list's empty state: what belongs here and, for who may add, the add button; for who may not,
 * who does and that there is nothing yet.
 */
export function EmptyList({ add, icon, title, howToAdd, whoAdds, beside }: EmptyCopy & { add: AddAction }) {
  const button = <AddButton onClick={add.onAdd}>{add.firstLabel ?? add.label}</AddButton>;
  return (
    <EmptyTable
      icon={icon}
      title={title}
      description={add.allowed ? howToAdd : whoAdds}
      action={
        add.allowed &&
        (beside === undefined ? (
          button
        ) : (
          <Group gap="xs" justify="center">
            {button}
            {beside}
          </Group>
        ))
      }
    />
  );
}

/** What a list shows when its filters leave nothing: why, and a button that clears them. */
export function NoMatches({
  title = 'Nothing matches these filters',
  description,
  onClear,
  clearLabel = 'Clear filters',
}: {
  title?: string;
  description: string;
  onClear?: (() => void) | undefined;
  clearLabel?: string;
}) {
  return (
    <EmptyTable
      icon={<IconFilterOff size={22} />}
      title={title}
      description={description}
      action={
        onClear && (
          <Button variant="default" onClick={onClear}>
            {clearLabel}
          </Button>
        )
      }
    />
  );
}
