/** AI initiatives: statuses, the accountability triad and the shapes every layer shares (pure). */
import { labelsOf } from '../values/model';
export const INITIATIVE_STATUSES = ['pilot', 'rolling_out', 'live', 'paused', 'retired'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];
export const INITIATIVE_STATUS_LABELS = labelsOf(INITIATIVE_STATUSES);

export const TRIAD_ROLES = ['businessSponsor', 'productOwner', 'technicalLead'] as const;
export type TriadRole = (typeof TRIAD_ROLES)[number];
export const TRIAD_LABELS = labelsOf(TRIAD_ROLES, { productOwner: 'AI product owner' });

/** A triad role is filled by a member of the workspace or by a named person outside it. */
export interface PersonRef {
  memberId: string | null;
  name: string;
}

export interface Initiative {
  id: string;
  name: string;
  description: string | null;
  status: InitiativeStatus;
  goLive: string | null;
  modelVersions: string[];
  businessSponsor: PersonRef | null;
  productOwner: PersonRef | null;
  technicalLead: PersonRef | null;
  /** Triad roles nobody fills: the initiative is flagged wherever it is listed. */
  missingRoles: TriadRole[];
  deleted: boolean;
}
