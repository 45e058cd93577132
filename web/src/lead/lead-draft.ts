/**
 * A person's unsaved changes to a lead (stage, outcome, owners, next action), and the PATCH that
 * saves exactly what changed. Pure: the thread's form and the morning review both use it.
 */
import type { LeadDetail, LeadPatch, NextActionType } from '../api/types';
import { NEXT_ACTION_TYPES } from '../api/types';
import { fromDateTimeLocal, toDateTimeLocal } from '../format/datetime-local';

export interface LeadDraft {
  stage: string;
  /** A closing reason; null keeps the lead open. */
  outcome: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  nextActionType: string | null;
  /** `datetime-local` value (local wall time), `''` when unset. */
  due: string;
  assigneeId: string | null;
}

/** The lead as it stands, as a draft. */
export function draftFromLead(lead: LeadDetail): LeadDraft {
  return {
    stage: lead.stage,
    outcome: lead.outcome,
    ownerId: lead.owner?.id ?? null,
    backupOwnerId: lead.backupOwner?.id ?? null,
    nextActionType: lead.nextAction?.type ?? null,
    due: toDateTimeLocal(lead.nextAction?.dueAt),
    assigneeId: lead.nextAction?.assignee ?? null,
  };
}

/** A default due time for a next action picked without one: an hour from now, as a `datetime-local` value. */
export function defaultDue(now: Date = new Date(), inMinutes = 60): string {
  return toDateTimeLocal(new Date(now.getTime() + inMinutes * 60_000).toISOString());
}

const isNextActionType = (v: string | null): v is NextActionType => v !== null && (NEXT_ACTION_TYPES as readonly string[]).includes(v);

export type PatchResult = { ok: true; patch: LeadPatch; changed: boolean } | { ok: false; error: string };

/** The PATCH body for the fields of `draft` that differ from `lead`; `changed` is false when nothing does. */
export function buildLeadPatch(lead: LeadDetail, draft: LeadDraft): PatchResult {
  const current = draftFromLead(lead);
  const patch: LeadPatch = {};
  if (draft.stage && draft.stage !== current.stage) patch.stage = draft.stage;
  if (draft.outcome && draft.outcome !== current.outcome) patch.outcome = draft.outcome;
  if (draft.ownerId !== current.ownerId) patch.ownerId = draft.ownerId;
  if (draft.backupOwnerId !== current.backupOwnerId) patch.backupOwnerId = draft.backupOwnerId;

  const nextActionChanged = draft.nextActionType !== current.nextActionType || draft.due !== current.due || draft.assigneeId !== current.assigneeId;
  if (nextActionChanged) {
    if (!isNextActionType(draft.nextActionType)) return { ok: false, error: 'Pick the next action.' };
    const dueAt = fromDateTimeLocal(draft.due);
    if (!dueAt) return { ok: false, error: 'Set when the next action is due.' };
    patch.nextAction = { type: draft.nextActionType, dueAt, assigneeId: draft.assigneeId };
  }
  return { ok: true, patch, changed: Object.keys(patch).length > 0 };
}
