import type { Role } from '../members/model';

/** Sync through a shared folder: what one sync did (pure; the renderer sees it). */
export interface SyncProblem {
  file: string;
  reason: string;
  /** The file may still be arriving: the next sync tries it again. */
  retry: boolean;
}

/** A received change that was not applied because its author's role does not allow it. */
export interface SyncRefusal {
  file: string;
  /** The device whose file holds the change. */
  device: string;
  /** The author (member id) and their name, if the member is known here. */
  member: string | null;
  memberName: string | null;
  /** The author's role as that device knew it when it wrote the file (null: not a member it knew). */
  role: string | null;
  table: string;
  recordId: string;
  field: string;
}

/** A change file stamped too far ahead of this device's clock: not applied, tried again next sync. */
export interface SyncQuarantined {
  file: string;
  /** The device whose clock is wrong (its files wait behind this one). */
  device: string;
  /** How far ahead of this device's clock the file's latest stamp is, in seconds. */
  aheadSeconds: number;
}

/** A table an incoming sync would delete many records of (the sync stops before applying anything). */
export interface MassDelete {
  table: string;
  deleting: number;
  live: number;
  devices: string[];
}

export interface SyncSummary {
  /** The shared folder, as a full path. */
  folder: string;
  workspace: string;
  /** This device's id (its folder on the share). */
  device: string;
  /** Set when this database turned out to be a copy of another device's and took a new device id. */
  copy: { formerDevice: string; device: string; message: string } | null;
  published: { files: number; changes: number };
  imported: { files: number; changes: number };
  /** Imported signal files (usage, decisions, pulse) whose rows were published or applied. */
  batches: { published: { batches: number; rows: number }; imported: { batches: number; rows: number } };
  /** The other devices seen in the folder. */
  devices: string[];
  /** A new device's start: the snapshot it took the workspace from (then only later files were read). */
  startedFrom: { file: string; device: string; records: number } | null;
  /** The snapshot this sync wrote (every SNAPSHOT_EVERY published changes, or when asked). */
  snapshotWritten: { file: string; records: number } | null;
  /** This device's own change files removed (after a snapshot, or when asked), up to which number; null when not tried. */
  compacted: { files: number; upTo: number } | null;
  /**
   * Set when this device was away so long that change files it needs were removed: it cannot catch
   * up and must join again with a new database (what to do, in words). Its own changes were published.
   */
  rejoin: string | null;
  /** Files not applied, and why (the first 100; `moreProblems` counts the rest). */
  problems: SyncProblem[];
  moreProblems: number;
  /** Files stamped too far in the future (the first 100; `moreQuarantined` counts the rest). */
  quarantined: SyncQuarantined[];
  moreQuarantined: number;
  /** Received changes refused by role (the first 100; `moreRefused` counts the rest). */
  refused: SyncRefusal[];
  moreRefused: number;
  /** Files in the folder that are not Uptake's (conflicted copies, temp files, placeholders): never read. */
  ignored: string[];
  moreIgnored: number;
}

/** Another device seen in the shared folder. */
export interface SyncDevice {
  device: string;
  /** Who last wrote on it (the author of its newest change this device holds), when known. */
  member: string | null;
  /** When its newest file was written (from the file's header, else the file's time), ISO. */
  lastPublished: string | null;
  /** Its change files in the folder, and how many of them this device has applied. */
  files: number;
  applied: number;
}

/** Where this device's sync stands (read from this device's notes and the folder; changes nothing). */
export interface SyncStatus {
  folder: string | null;
  device: string;
  /** The last sync that completed, with what it did. */
  lastRun: { at: string; summary: SyncSummary } | null;
  /** The last sync that failed (cleared by the next that completes); `failures` counts failures in a row. */
  /** The last sync's failure; `massDelete` when it stopped before applying other devices' mass deletions. */
  lastError: { at: string; message: string; failures: number; massDelete?: MassDelete[] } | null;
  /** This device's changes not yet in a file on the share. */
  pendingOutgoing: number;
  /** Other devices' files in the folder this device has not applied yet. */
  pendingIncoming: number;
  devices: SyncDevice[];
  /** The folder cannot be read now (missing, unmounted, not allowed), in words. */
  folderProblem: string | null;
}

/** One value of a conflicting field. */
export interface ConflictValue {
  hlc: string;
  at: string;
  device: string;
  author: string | null;
  value: unknown;
}

/** A field two devices changed without seeing each other's change (docs/sync.md has the rule). */
export interface SyncConflict {
  table: string;
  id: string;
  /** What the record is called now (its name), for the list. */
  record: string;
  field: string;
  current: ConflictValue;
  other: ConflictValue;
}

/** A workspace a new device can join from a shared folder, with the members to join as. */
export interface JoinableWorkspace {
  id: string;
  name: string;
  members: { id: string; name: string; role: Role }[];
}
