import { INITIATIVE_STATUS_LABELS, type InitiativeStatus } from '../../../db/api/types';
import { StatusBadge as KitStatusBadge } from '../kit/StatusBadge';

const COLORS: Record<InitiativeStatus, string> = {
  pilot: 'violet',
  rolling_out: 'blue',
  live: 'teal',
  paused: 'yellow',
  retired: 'gray',
};

/** A dot badge: the colour tells the status at a glance, the text stays readable. */
export function StatusBadge({ status }: { status: InitiativeStatus }) {
  return <KitStatusBadge label={INITIATIVE_STATUS_LABELS[status]} dot={COLORS[status]} />;
}
