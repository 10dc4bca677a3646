import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowBackUp, IconDots, IconHistory, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ComponentProps, type ReactNode, useState } from 'react';

/** A screen's own action on a record (e.g. retire a shadow process), shown after Edit. */
export interface RowAction {
  label: string;
  icon: ReactNode;
  onClick: () => void;
}

export interface RowActionsProps {
  /** The record's name, for the menu button's accessible label. */
  name: string;
  onHistory: () => void;
  onEdit?: (() => void) | undefined;
  /** Teams: add a sub-team under this one. */
  onAddChild?: (() => void) | undefined;
  onDelete?: (() => void) | undefined;
  onRestore?: (() => void) | undefined;
  deleteLabel?: string;
  more?: readonly RowAction[];
}

/**
 * The per-row menu: what the acting member may do with this record. Until first opened it is the
 * button alone: a menu's popover costs more to draw than the rest of its row, and a long register
 * draws new rows on every frame of a scroll.
 */
export function RowActions(props: RowActionsProps) {
  const [used, setUsed] = useState(false);
  if (!used) return <MenuButton name={props.name} onClick={() => setUsed(true)} />;
  return <RowMenu {...props} />;
}

/** The row's "…" button; Menu.Target gives it its ref, handlers and ARIA state once the menu exists. */
function MenuButton({ name, ...button }: { name: string } & ComponentProps<'button'>) {
  return (
    <ActionIcon aria-label={`Actions for ${name}`} size="sm" aria-haspopup="menu" {...button}>
      <IconDots size={16} />
    </ActionIcon>
  );
}

/** Opens as it first appears: it replaces the button the user has just pressed. */
function RowMenu({ name, onHistory, onEdit, onAddChild, onDelete, onRestore, deleteLabel = 'Delete', more = [] }: RowActionsProps) {
  return (
    <Menu defaultOpened>
      <Menu.Target>
        <MenuButton name={name} />
      </Menu.Target>
      <Menu.Dropdown>
        {onEdit && (
          <Menu.Item leftSection={<IconPencil size={14} />} onClick={onEdit}>
            Edit
          </Menu.Item>
        )}
        {more.map((a) => (
          <Menu.Item key={a.label} leftSection={a.icon} onClick={a.onClick}>
            {a.label}
          </Menu.Item>
        ))}
        {onAddChild && (
          <Menu.Item leftSection={<IconPlus size={14} />} onClick={onAddChild}>
            Add sub-team
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconHistory size={14} />} onClick={onHistory}>
          History
        </Menu.Item>
        {onRestore && (
          <Menu.Item leftSection={<IconArrowBackUp size={14} />} onClick={onRestore}>
            Restore
          </Menu.Item>
        )}
        {onDelete && (
          <>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
              {deleteLabel}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
