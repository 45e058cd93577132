/**
 * Bookings as an iCalendar document (RFC 5545), written by `ical-generator`: one VEVENT per booking.
 * - `UID` is `<bookingId>@ringback`, stable across reschedules, so calendar apps move the event rather
 *   than duplicate it; `SEQUENCE` is the booking's `version` (it grows on every reschedule and on
 *   cancellation, RFC 5545 §3.8.7.4).
 * - `DTSTART`/`DTEND` are the arrival window in UTC (no VTIMEZONE needed; apps show local time);
 *   `X-WR-TIMEZONE` names the organization's zone for apps that use it as the calendar's display zone.
 * - A canceled booking stays in the feed with `STATUS:CANCELLED` (§3.8.1.11) and a "Canceled: " title,
 *   so subscribed calendars drop or strike it instead of keeping a stale visit.
 * - `DTSTAMP` and `LAST-MODIFIED` are the booking's `updatedAt`, so an unchanged booking renders
 *   byte-identically on every poll.
 * Pure apart from the library: no clock, no I/O.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { FeedBooking } from './feed-bookings.ts';

/** How often calendar apps should poll (seconds): `REFRESH-INTERVAL` / `X-PUBLISHED-TTL`. Google ignores it and polls every few hours. */
export const FEED_REFRESH_SECONDS = 15 * 60;

/** What the calendar is called and where its links point. */
export interface BookingCalendarOptions {
  /** `X-WR-CALNAME`, e.g. "Acme Plumbing – bookings". */
  name: string;
  /** The organization's IANA zone (`X-WR-TIMEZONE`). */
  timeZone: string;
  /** `PUBLIC_URL` without a trailing slash: each event links to `${publicUrl}/leads/<leadId>`. */
  publicUrl: string;
  /** Whether descriptions name the assigned technician (the organization feed; a person's own feed need not). */
  showTechnician: boolean;
}

/** "Furnace repair – Dana Smith": the job type (or "Service visit") and the customer's name when known. */
export function bookingSummary(b: Pick<FeedBooking, 'jobType' | 'customerName' | 'status'>): string {
  const title = [b.jobType?.trim() || 'Service visit', b.customerName?.trim()].filter(Boolean).join(' – ');
  return b.status === 'canceled' ? `Canceled: ${title}` : title;
}

/** The service address with its ZIP appended unless the address already ends with it; null when neither is known. */
export function bookingLocation(b: Pick<FeedBooking, 'address' | 'zip'>): string | null {
  const address = b.address?.trim() ?? '';
  const zip = b.zip?.trim() ?? '';
  if (zip && !address.endsWith(zip)) return [address, zip].filter(Boolean).join(' ');
  return address || null;
}

function description(b: FeedBooking, options: BookingCalendarOptions): string {
  return [
    `Phone: ${b.phoneE164}`,
    b.problem?.trim() ? `Problem: ${b.problem.trim()}` : null,
    b.notes?.trim() ? `Notes: ${b.notes.trim()}` : null,
    options.showTechnician ? `Technician: ${b.technicianName ?? 'unassigned'}` : null,
    `Lead: ${leadUrl(b, options)}`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

const leadUrl = (b: Pick<FeedBooking, 'leadId'>, options: Pick<BookingCalendarOptions, 'publicUrl'>) => `${options.publicUrl}/leads/${b.leadId}`;

/** The ICS text (CRLF lines, folded at 75 octets) of `bookings`. */
export function renderBookingCalendar(bookings: readonly FeedBooking[], options: BookingCalendarOptions): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Ringback', product: 'Ringback', language: 'EN' },
    ttl: FEED_REFRESH_SECONDS,
    x: { 'X-WR-TIMEZONE': options.timeZone },
  });
  for (const b of bookings) {
    calendar.createEvent({
      id: `${b.id}@ringback`,
      sequence: b.version,
      start: b.startAt,
      end: b.endAt,
      stamp: b.updatedAt,
      created: b.createdAt,
      lastModified: b.updatedAt,
      summary: bookingSummary(b),
      location: bookingLocation(b),
      description: description(b, options),
      url: leadUrl(b, options),
      status: b.status === 'canceled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
