/**
 * Pure mapping between the booking API and the calendar (react-big-calendar): bookings become events,
 * arrival windows become background events, technicians become resource columns, and a drop becomes
 * the `PATCH /api/v1/bookings/:id` body that snaps it to an arrival window. No I/O, no clock reads.
 */
import type { Booking, Opening, TeamMember } from '../api/types';
import { formatPhone } from '../format/format-phone';

/** The resource id of the "Unassigned" column (a booking whose `technicianId` is null). Never a user id. */
export const UNASSIGNED = 'unassigned';

/** One column of the "by technician" layout: a technician (user id) or `UNASSIGNED`. */
export interface TechnicianResource {
  id: string;
  title: string;
}

/** A booking on the calendar. `start`/`end` are the booking's window as `Date`s; `resourceId` its column. */
export interface BookingEvent {
  kind: 'booking';
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  booking: Booking;
}

/**
 * An arrival window behind the bookings (a background event): `remaining` as the availability API
 * says (0 = full). `resourceId` lists every column so the window shows in each technician's column.
 */
export interface WindowEvent {
  kind: 'window';
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string[];
  opening: Opening;
}

export type CalendarEvent = BookingEvent | WindowEvent;

/**
 * The columns of the "by technician" layout: every team member with role `technician` (by name), then
 * any other person a booking is assigned to (a technician who left, or someone with another role, named
 * from the booking's `technicianName`), then "Unassigned" last.
 */
export function technicianResources(members: readonly TeamMember[], bookings: readonly Booking[]): TechnicianResource[] {
  const columns = members
    .filter((m) => m.role === 'technician')
    .map((m) => ({ id: m.userId, title: m.name || m.email }))
    .sort((a, b) => a.title.localeCompare(b.title));
  for (const b of bookings) {
    if (b.technicianId && !columns.some((c) => c.id === b.technicianId)) {
      const member = members.find((m) => m.userId === b.technicianId);
      columns.push({ id: b.technicianId, title: b.technicianName ?? member?.name ?? 'Former teammate' });
    }
  }
  return [...columns, { id: UNASSIGNED, title: 'Unassigned' }];
}

/** The calendar event of a live booking: titled with the customer (or phone) and the job type. */
export function bookingToEvent(booking: Booking): BookingEvent {
  const who = booking.customerName?.trim() || formatPhone(booking.phone);
  return {
    kind: 'booking',
    id: booking.id,
    title: booking.jobType ? `${who} · ${booking.jobType}` : who,
    start: new Date(booking.start),
    end: new Date(booking.end),
    resourceId: booking.technicianId ?? UNASSIGNED,
    booking,
  };
}

/** `2 left`, `1 left` or `Full`. */
export function remainingLabel(remaining: number): string {
  return remaining > 0 ? `${remaining} left` : 'Full';
}

/** The background events of arrival windows, each shown in every column of `resources` (none: one plain column). */
export function windowsToEvents(openings: readonly Opening[], resources: readonly TechnicianResource[]): WindowEvent[] {
  const ids = resources.map((r) => r.id);
  return openings.map((o) => ({
    kind: 'window',
    id: `${o.start}/${o.end}`,
    title: remainingLabel(o.remaining),
    start: new Date(o.start),
    end: new Date(o.end),
    resourceId: ids,
    opening: o,
  }));
}

/**
 * The arrival window a booking dropped at `[start, end)` lands in: the window of `openings` it overlaps
 * most (a dragged 4-hour booking rarely lines up exactly with a window; whichever window holds most of it
 * is the one the person aimed at). Ties go to the window containing `start`, then the earlier window.
 * Returns null when it overlaps no window (no arrival window at that time, or one too soon to book).
 * `openings` should include full windows (`includeFull=true`): the server, not this function, refuses
 * a full one, so the person hears why.
 */
export function snapToWindow(openings: readonly Opening[], start: Date, end: Date): Opening | null {
  const s = start.getTime();
  const e = Math.max(end.getTime(), s + 1);
  let best: { opening: Opening; overlap: number; containsStart: boolean; at: number } | null = null;
  for (const o of openings) {
    const os = Date.parse(o.start);
    const oe = Date.parse(o.end);
    const overlap = Math.min(e, oe) - Math.max(s, os);
    if (overlap <= 0) continue;
    const candidate = { opening: o, overlap, containsStart: os <= s && s < oe, at: os };
    if (
      !best ||
      candidate.overlap > best.overlap ||
      (candidate.overlap === best.overlap && candidate.containsStart && !best.containsStart) ||
      (candidate.overlap === best.overlap && candidate.containsStart === best.containsStart && candidate.at < best.at)
    ) {
      best = candidate;
    }
  }
  return best?.opening ?? null;
}

/** What a drop asks of the API: the new window and/or technician, only what changed. */
export interface DropChange {
  start?: string;
  end?: string;
  technicianId?: string | null;
}

/**
 * The `PATCH` body for dropping `booking` into `window` (null: the drop was not near a window; only the
 * technician may change) in column `resourceId` (undefined: the view has no technician columns, the
 * technician stays). Returns null when nothing changes (dropped back where it was). Instants are compared
 * as instants, so `…Z` and `…+00:00` spellings of one window are the same window.
 */
export function dropChange(booking: Booking, window: Opening | null, resourceId: string | number | undefined): DropChange | null {
  const change: DropChange = {};
  if (window && (Date.parse(window.start) !== Date.parse(booking.start) || Date.parse(window.end) !== Date.parse(booking.end))) {
    change.start = window.start;
    change.end = window.end;
  }
  if (resourceId !== undefined) {
    const technicianId = String(resourceId) === UNASSIGNED ? null : String(resourceId);
    if (technicianId !== booking.technicianId) change.technicianId = technicianId;
  }
  return Object.keys(change).length > 0 ? change : null;
}

/** `booking` as it will look once `change` is saved (for the optimistic move on the calendar). */
export function applyDropChange(booking: Booking, change: DropChange, technicianName: string | null): Booking {
  return {
    ...booking,
    ...(change.start && change.end ? { start: change.start, end: change.end } : {}),
    ...(change.technicianId !== undefined ? { technicianId: change.technicianId, technicianName: change.technicianId ? technicianName : null } : {}),
  };
}

/**
 * The hours the time grid shows (browser-local, whole hours): from an hour before the earliest window or
 * booking of the range to an hour after the latest, at least 7 AM–7 PM; the whole day when anything
 * crosses midnight. `min`/`max` are hours 0–24 (react-big-calendar reads only their time of day).
 */
export function visibleHours(items: ReadonlyArray<{ start: Date; end: Date }>): { min: number; max: number } {
  let min = 7;
  let max = 19;
  for (const { start, end } of items) {
    if (start.toDateString() !== new Date(end.getTime() - 1).toDateString()) return { min: 0, max: 24 };
    min = Math.min(min, start.getHours() - 1);
    max = Math.max(max, end.getHours() + (end.getMinutes() > 0 ? 2 : 1));
  }
  return { min: Math.max(0, min), max: Math.min(24, max) };
}
