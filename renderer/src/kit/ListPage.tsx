import { Button, Switch, Tooltip } from '@mantine/core';
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
  /** Between the header and the table: the screen's filters. */
  filters?: ReactNode;
  /** What an empty list shows (EmptyTable). */
  empty: ReactNode;
  history: RecordHistory;
  /** The screen's form dialogs. */
  dialogs?: ReactNode;
  /** The table, once there are rows. */
  children: (rows: R[]) => ReactNode;
}

/** A screen listing one kind of record: header, filters, table or empty state, its dialogs and history drawer. */
export function ListPage<R>({
  screen,
  title,
  description,
  query,
  what,
  showDeleted,
  actions,
  filters,
  empty,
  history,
  dialogs,
  children,
}: ListPageProps<R>) {
  return (
    <Page
      screen={screen}
      title={title}
      description={description}
      ready={query.isSuccess}
      actions={
        showDeleted || actions ? (
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
          </>
        ) : undefined
      }
    >
      {filters}
      <QueryState query={query} what={what}>
        {(rows) => (rows.length === 0 ? empty : children(rows))}
      </QueryState>
      {dialogs}
      <HistoryDrawer format={history.format} target={history.target} onClose={history.close} />
    </Page>
  );
}

/** The header's and the empty state's button for adding a record. */
/**
 * A screen's add button. With `disabledReason` (the acting member may not add) it stays visible but
 * does nothing, and says why on hover and focus (aria-disabled keeps it focusable, unlike disabled).
 */
export function AddButton({
  onClick,
  children,
  disabledReason,
}: {
  onClick: () => void;
  children: ReactNode;
  disabledReason?: string | undefined;
}) {
  if (disabledReason) {
    return (
      <Tooltip label={disabledReason} withArrow position="bottom-end" events={{ hover: true, focus: true, touch: false }}>
        <Button leftSection={<IconPlus size={16} />} data-disabled aria-disabled="true" onClick={(e) => e.preventDefault()}>
          {children}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * A list's empty state: what belongs here and, for who may add, the add button; for who may not,
 * who does and that there is nothing yet.
 */
export function EmptyList({
  icon,
  title,
  canAdd,
  onAdd,
  addLabel,
  howToAdd,
  whoAdds,
}: {
  icon: ReactNode;
  title: string;
  canAdd: boolean;
  onAdd: () => void;
  addLabel: string;
  /** What to add, for who may. */
  howToAdd: string;
  /** Who adds, for who may not. */
  whoAdds: string;
}) {
  return (
    <EmptyTable
      icon={icon}
      title={title}
      description={canAdd ? howToAdd : whoAdds}
      action={canAdd && <AddButton onClick={onAdd}>{addLabel}</AddButton>}
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
