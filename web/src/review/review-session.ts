/**
 * A morning review in progress: the list as it stood when the review started (new leads wait for
 * the next review), where the person is in it, and what they did. Kept in sessionStorage per
 * organization, so opening a thread and coming back resumes the review.
 */
import type { ReviewItem } from '../api/types';

export interface ReviewTally {
  reviewed: number;
  called: number;
  texted: number;
  stageMoves: number;
  escalations: number;
  skipped: number;
}

export interface ReviewSession {
  items: ReviewItem[];
  index: number;
  tally: ReviewTally;
  startedAt: string;
}

/** Whether every lead of the review has been gone through. */
export function isFinished(s: ReviewSession): boolean {
  return s.index >= s.items.length;
}

/** What the person did on one lead before "Next lead". */
export interface LeadReviewResult {
  called: boolean;
  texted: boolean;
  stageMoved: boolean;
  escalated: boolean;
}

const EMPTY_TALLY: ReviewTally = { reviewed: 0, called: 0, texted: 0, stageMoves: 0, escalations: 0, skipped: 0 };

/** A new review over `items` (one card per lead: a lead with several open tasks comes once, at its most urgent). */
export function startReview(items: ReviewItem[], now: Date = new Date()): ReviewSession {
  const seen = new Set<string>();
  const unique = items.filter((i) => !seen.has(i.leadId) && seen.add(i.leadId));
  return { items: unique, index: 0, tally: { ...EMPTY_TALLY }, startedAt: now.toISOString() };
}

/** The session after "Next lead" on the current lead. */
export function completeLead(s: ReviewSession, r: LeadReviewResult): ReviewSession {
  const t = s.tally;
  return {
    ...s,
    index: s.index + 1,
    tally: {
      ...t,
      reviewed: t.reviewed + 1,
      called: t.called + (r.called ? 1 : 0),
      texted: t.texted + (r.texted ? 1 : 0),
      stageMoves: t.stageMoves + (r.stageMoved ? 1 : 0),
      escalations: t.escalations + (r.escalated ? 1 : 0),
    },
  };
}

/** The session after "Skip". */
export function skipLead(s: ReviewSession): ReviewSession {
  return { ...s, index: s.index + 1, tally: { ...s.tally, skipped: s.tally.skipped + 1 } };
}

const storageKey = (organizationId: string) => `ringback.review.${organizationId}`;

export function loadReviewSession(organizationId: string): ReviewSession | null {
  try {
    const raw = sessionStorage.getItem(storageKey(organizationId));
    if (!raw) return null;
    const s = JSON.parse(raw) as ReviewSession;
    // A finished review is not resumed: coming back starts a new one.
    return Array.isArray(s.items) && typeof s.index === 'number' && s.tally && !isFinished(s) ? s : null;
  } catch {
    return null;
  }
}

export function saveReviewSession(organizationId: string, s: ReviewSession | null): void {
  try {
    if (s) sessionStorage.setItem(storageKey(organizationId), JSON.stringify(s));
    else sessionStorage.removeItem(storageKey(organizationId));
  } catch {
    // Storage full or disabled: the review still works, it just won't resume.
  }
}
