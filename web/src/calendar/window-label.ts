/**
 * Arrival windows in words, in the browser's time zone and locale (like the rest of the app, see
 * format/format-time.ts): `8 AM – 12 PM`, `Thu, Nov 19`, and openings grouped by local day.
 */
import type { Opening } from '../api/types';

const hourOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const hourMinute = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });

/** `8 AM`, or `8:30 AM` when the minutes matter. */
function timeLabel(d: Date): string {
  return (d.getMinutes() === 0 ? hourOnly : hourMinute).format(d);
}

/** `8 AM – 12 PM` for a window `[start, end)` given as ISO instants. */
export function windowLabel(startIso: string, endIso: string): string {
  return `${timeLabel(new Date(startIso))} – ${timeLabel(new Date(endIso))}`;
}

/** `Thu, Nov 19` for the local day of an ISO instant. */
export function dayLabel(iso: string): string {
  return day.format(new Date(iso));
}

/** `Thu, Nov 19 · 8 AM – 12 PM`. */
export function windowWithDayLabel(startIso: string, endIso: string): string {
  return `${dayLabel(startIso)} · ${windowLabel(startIso, endIso)}`;
}

/** Openings of one local day, in start order. `key` is the local date `YYYY-MM-DD`. */
export interface OpeningDay {
  key: string;
  label: string;
  openings: Opening[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser-local date `YYYY-MM-DD` of an ISO instant. */
export function localDateKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `openings` grouped by local day of their start, days and windows in time order. */
export function groupOpeningsByDay(openings: readonly Opening[]): OpeningDay[] {
  const byDay = new Map<string, OpeningDay>();
  for (const o of [...openings].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.end) - Date.parse(b.end))) {
    const key = localDateKey(o.start);
    let group = byDay.get(key);
    if (!group) {
      group = { key, label: dayLabel(o.start), openings: [] };
      byDay.set(key, group);
    }
    group.openings.push(o);
  }
  return [...byDay.values()];
}

/** A stable value for an opening in a picker (`start/end`). */
export function openingValue(o: Pick<Opening, 'start' | 'end'>): string {
  return `${o.start}/${o.end}`;
}
