/**
 * The booking page's openings as the customer reads them: grouped by local day of the organization
 * ("Wed, Nov 18"), each window labelled on the 12-hour clock ("8 AM – 12 PM", Spanish "8 a.m. – 12
 * p.m."), and the radio button value that names a window (`<start>/<end>`, an ISO-8601 interval of two
 * UTC instants) parsed back. Pure: no clock, no I/O; labels come from Luxon (Intl data of Node's ICU).
 */
import { DateTime } from 'luxon';
import type { Opening } from '../../core/booking/openings.ts';
import type { BookingPageLanguage } from './booking-page-text.ts';

/** A window as the form carries it: UTC ISO-8601 instants, `start` inclusive, `end` exclusive. */
export interface SlotChoice {
  start: string;
  end: string;
}

/** One local day of openings: `date` `YYYY-MM-DD` in the organization's zone, `label` e.g. "Wed, Nov 18". */
export interface OpeningDay {
  date: string;
  label: string;
  windows: Array<{ value: string; label: string; remaining: number }>;
}

const LOCALE: Record<BookingPageLanguage, string> = { en: 'en-US', es: 'es-US' };

/** The local day label of an instant: "Wed, Nov 18" (English), "mié, 18 de nov" (Spanish, es-US). */
export function dayLabel(instant: string, timeZone: string, language: BookingPageLanguage): string {
  return local(instant, timeZone, language).toLocaleString({ weekday: 'short', month: 'short', day: 'numeric' });
}

/**
 * The hours of a window on the 12-hour clock, minutes only when not on the hour: "8 AM – 12 PM",
 * "9:30 AM – 11 AM"; Spanish (es-US) "8 a.m. – 12 p.m.". A window ending at midnight reads "12 AM".
 */
export function hoursLabel(slot: SlotChoice, timeZone: string, language: BookingPageLanguage): string {
  const clock = (dt: DateTime) => dt.toFormat(dt.minute === 0 ? 'h a' : 'h:mm a');
  return `${clock(local(slot.start, timeZone, language))} – ${clock(local(slot.end, timeZone, language))}`;
}

/** Day and hours of a window: "Wed, Nov 18 · 8 AM – 12 PM". */
export function windowLabel(slot: SlotChoice, timeZone: string, language: BookingPageLanguage): string {
  return `${dayLabel(slot.start, timeZone, language)} · ${hoursLabel(slot, timeZone, language)}`;
}

/**
 * `openings` (sorted by start, as `listOpenings` returns them) grouped by the local date of their start
 * in `timeZone`, days in order, windows in the order given. Full windows (`remaining` 0) are left out:
 * the page offers only what can be held.
 */
export function groupOpeningsByDay(openings: readonly Opening[], timeZone: string, language: BookingPageLanguage): OpeningDay[] {
  const days: OpeningDay[] = [];
  for (const opening of openings) {
    if (opening.remaining < 1) continue;
    const date = local(opening.start, timeZone, language).toISODate()!;
    let day = days.at(-1);
    if (day?.date !== date) {
      day = { date, label: dayLabel(opening.start, timeZone, language), windows: [] };
      days.push(day);
    }
    day.windows.push({ value: slotValue(opening), label: hoursLabel(opening, timeZone, language), remaining: opening.remaining });
  }
  return days;
}

/** The form value naming a window: `<start>/<end>` (ISO-8601 interval notation, UTC instants). */
export function slotValue(slot: SlotChoice): string {
  return `${new Date(slot.start).toISOString()}/${new Date(slot.end).toISOString()}`;
}

/**
 * Parses a form value made by `slotValue` back into UTC instants; `null` for anything else (a missing
 * field, a list, instants without an offset, an end not after its start). Never throws.
 */
export function parseSlotValue(value: unknown): SlotChoice | null {
  if (typeof value !== 'string' || value.length > 80) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\/(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/.exec(value.trim());
  if (!match) return null;
  const start = DateTime.fromISO(match[1]!, { zone: 'utc' });
  const end = DateTime.fromISO(match[2]!, { zone: 'utc' });
  if (!start.isValid || !end.isValid || end <= start) return null;
  return { start: start.toJSDate().toISOString(), end: end.toJSDate().toISOString() };
}

function local(instant: string, timeZone: string, language: BookingPageLanguage): DateTime {
  return DateTime.fromISO(instant, { zone: timeZone }).setLocale(LOCALE[language]);
}
