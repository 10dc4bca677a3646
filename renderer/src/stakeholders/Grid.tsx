import { DndContext, type DragEndEvent, PointerSensor, useDraggable, useDroppable, useSensor, useSensors } from '@dnd-kit/core';
import { Box, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { quadrantOf, RATING_MAX, RATING_MIN } from '../../../db/api/types';
import { orpc } from '../api/query';
import { QUADRANT_LABELS, type Stakeholder, SUPPORT_LABELS, SUPPORT_LEVELS, supportDot } from './register';

/*
 * The influence × interest grid: a 5 × 5 board (influence 5 at the top, interest 5 on the right)
 * whose cells fall into Mendelow's four quadrants (4–5 is high; docs/stakeholders.md). Dragging a
 * person to a cell re-rates both; with the keyboard, arrows move the focused person one step and
 * save at once. Each move goes through stakeholders.update, so the history records it.
 */

const STEPS = [5, 4, 3, 2, 1];
const ACROSS = [1, 2, 3, 4, 5];
/** Cells list this many people, then "+N more", so a crowded cell stays readable. */
const PER_CELL = 6;

const QUADRANT_TINT = {
  'manage closely': 'var(--mantine-color-red-0)',
  'keep satisfied': 'var(--mantine-color-yellow-0)',
  'keep informed': 'var(--mantine-color-blue-0)',
  monitor: 'var(--mantine-color-gray-0)',
} as const;

type Position = { influence: number; interest: number };

export function StakeholderGrid({ people, canMove }: { people: readonly Stakeholder[]; canMove: boolean }) {
  const update = useMutation(orpc.stakeholders.update.mutationOptions());
  // Where a move put someone before the register reloads, so they do not jump back meanwhile.
  const [moved, setMoved] = useState<Record<string, Position>>({});
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  const at = (s: Stakeholder): Position => moved[s.id] ?? { influence: s.influence, interest: s.interest };

  const move = (s: Stakeholder, to: Position) => {
    const from = at(s);
    if (from.influence === to.influence && from.interest === to.interest) return;
    setMoved((m) => ({ ...m, [s.id]: to }));
    const where = `${s.name}: influence ${to.influence}, interest ${to.interest} (${QUADRANT_LABELS[quadrantOf(to.influence, to.interest)].toLowerCase()})`;
    setAnnouncement(`Moving ${where}…`);
    update.mutate(
      { id: s.id, ...to },
      {
        onSuccess: () => setAnnouncement(`Saved. ${where}.`),
        onError: (e) => {
          setMoved(({ [s.id]: _, ...rest }) => rest);
          setAnnouncement(`${s.name} was not moved: ${e.message}`);
        },
      },
    );
  };

  // Once the register has reloaded, what it says is where people are.
  useEffect(() => {
    setMoved((m) => {
      const stale = Object.keys(m).filter((id) => {
        const p = people.find((x) => x.id === id);
        return p && p.influence === m[id]?.influence && p.interest === m[id]?.interest;
      });
      if (stale.length === 0) return m;
      const next = { ...m };
      for (const id of stale) delete next[id];
      return next;
    });
  }, [people]);

  // A moved chip is a new element in another cell: give it the focus back.
  useEffect(() => {
    if (!focusId) return;
    const chip = document.querySelector<HTMLElement>(`[data-chip-id="${focusId}"]`);
    if (chip && document.activeElement !== chip) chip.focus();
  });

  const onDragEnd = (e: DragEndEvent) => {
    const s = people.find((p) => p.id === e.active.id);
    const cell = e.over?.data.current as Position | undefined;
    if (s && cell) move(s, cell);
  };

  const onKey = (s: Stakeholder, e: KeyboardEvent) => {
    const p = at(s);
    const clamp = (v: number) => Math.min(RATING_MAX, Math.max(RATING_MIN, v));
    const to =
      e.key === 'ArrowUp'
        ? { ...p, influence: clamp(p.influence + 1) }
        : e.key === 'ArrowDown'
          ? { ...p, influence: clamp(p.influence - 1) }
          : e.key === 'ArrowRight'
            ? { ...p, interest: clamp(p.interest + 1) }
            : e.key === 'ArrowLeft'
              ? { ...p, interest: clamp(p.interest - 1) }
              : null;
    if (!to) return;
    e.preventDefault();
    setFocusId(s.id);
    move(s, to);
  };

  const byCell = new Map<string, Stakeholder[]>();
  for (const s of people) {
    const p = at(s);
    const key = `${p.influence}-${p.interest}`;
    byCell.set(key, [...(byCell.get(key) ?? []), s]);
  }

  return (
    <Box px="lg" pb="lg" data-testid="stakeholder-grid">
      <Group gap="md" mb="sm" data-testid="grid-legend" aria-label="Support colours">
        {SUPPORT_LEVELS.map((level) => (
          <Group key={level} gap={6}>
            <span className="support-dot" data-support={level} style={{ background: supportDot(level) }} />
            <Text size="xs">{SUPPORT_LABELS[level]}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed" ml="auto">
          {canMove ? 'Drag a person to re-rate them, or focus them and use the arrow keys.' : 'Only change managers can re-rate people.'}
        </Text>
      </Group>
      <div className="stakeholder-grid">
        <div className="grid-axis grid-axis-y">
          <Text size="xs" c="dimmed">
            Influence →
          </Text>
        </div>
        <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements: dndAnnouncements(people) }}>
          <section className="grid-board" aria-label="Influence × interest grid">
            {STEPS.map((influence) => (
              <div key={influence} className="grid-row">
                {ACROSS.map((interest) => (
                  <Cell
                    key={interest}
                    influence={influence}
                    interest={interest}
                    people={byCell.get(`${influence}-${interest}`) ?? []}
                    canMove={canMove}
                    onKey={onKey}
                  />
                ))}
              </div>
            ))}
          </section>
        </DndContext>
        <div />
        <div className="grid-axis grid-axis-x">
          <Text size="xs" c="dimmed">
            Interest →
          </Text>
        </div>
      </div>
      <VisuallyHidden aria-live="polite" data-testid="grid-announcement">
        {announcement}
      </VisuallyHidden>
    </Box>
  );
}

function dndAnnouncements(people: readonly Stakeholder[]) {
  const name = (id: string | number) => people.find((p) => p.id === id)?.name ?? 'Person';
  const cell = (data: unknown) => {
    const c = data as Position | undefined;
    return c ? `influence ${c.influence}, interest ${c.interest}` : 'outside the grid';
  };
  return {
    onDragStart: ({ active }: { active: { id: string | number } }) => `Picked up ${name(active.id)}.`,
    onDragOver: ({ active, over }: { active: { id: string | number }; over: { data: { current: unknown } } | null }) =>
      `${name(active.id)} is over ${cell(over?.data.current)}.`,
    onDragEnd: ({ active, over }: { active: { id: string | number }; over: { data: { current: unknown } } | null }) =>
      over ? `${name(active.id)} dropped at ${cell(over.data.current)}.` : `${name(active.id)} put back.`,
    onDragCancel: ({ active }: { active: { id: string | number } }) => `${name(active.id)} put back.`,
  };
}

function Cell({
  influence,
  interest,
  people,
  canMove,
  onKey,
}: {
  influence: number;
  interest: number;
  people: Stakeholder[];
  canMove: boolean;
  onKey: (s: Stakeholder, e: KeyboardEvent) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `cell-${influence}-${interest}`, data: { influence, interest } });
  const quadrant = quadrantOf(influence, interest);
  // The quadrant's name sits in its top-left cell.
  const labelled = (influence === 5 && (interest === 1 || interest === 4)) || (influence === 3 && (interest === 1 || interest === 4));
  const more = people.length - PER_CELL;
  return (
    <ul
      ref={setNodeRef}
      className="grid-cell"
      data-testid={`grid-cell-${influence}-${interest}`}
      data-over={isOver ? 'true' : undefined}
      aria-label={`Influence ${influence}, interest ${interest}: ${QUADRANT_LABELS[quadrant]}, ${people.length} ${people.length === 1 ? 'person' : 'people'}`}
      style={{ background: QUADRANT_TINT[quadrant] }}
    >
      {labelled && (
        <li className="grid-quadrant-label" aria-hidden>
          <Text size="xs" fw={600} c="dimmed" inherit>
            {QUADRANT_LABELS[quadrant]}
          </Text>
        </li>
      )}
      {people.slice(0, PER_CELL).map((s) => (
        <li key={s.id} className="grid-chip-item">
          <Chip person={s} canMove={canMove} onKey={onKey} />
        </li>
      ))}
      {more > 0 && (
        <li>
          <Text size="xs" c="dimmed">
            +{more} more
          </Text>
        </li>
      )}
    </ul>
  );
}

function Chip({ person, canMove, onKey }: { person: Stakeholder; canMove: boolean; onKey: (s: Stakeholder, e: KeyboardEvent) => void }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: person.id, disabled: !canMove });
  const label = `${person.name}, ${SUPPORT_LABELS[person.support].toLowerCase()}, influence ${person.influence}, interest ${person.interest}`;
  return (
    <Tooltip label={`${person.name} · ${person.team ?? 'no team'} · ${SUPPORT_LABELS[person.support]}`} openDelay={400} withinPortal>
      <button
        ref={setNodeRef}
        type="button"
        className="grid-chip"
        data-chip-id={person.id}
        data-testid="grid-chip"
        data-support={person.support}
        {...attributes}
        {...listeners}
        aria-roledescription={canMove ? 'movable person' : undefined}
        aria-describedby={undefined}
        aria-label={canMove ? `${label}. Arrow keys move them.` : label}
        onKeyDown={canMove ? (e) => onKey(person, e) : undefined}
        style={{
          transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
          zIndex: isDragging ? 10 : undefined,
          cursor: canMove ? 'grab' : 'default',
        }}
      >
        <span className="support-dot" style={{ background: supportDot(person.support) }} />
        <span className="grid-chip-name">{person.name}</span>
      </button>
    </Tooltip>
  );
}
