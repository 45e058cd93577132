/**
 * Converting between ISO instants and the value of an `<input type="datetime-local">` (local wall time,
 * `YYYY-MM-DDTHH:mm`), and between calendar days (`YYYY-MM-DD`) and the instants that bound them.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2025-01-06T08:05` in the browser's time zone, or `''` for no instant. */
export function toDateTimeLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a `datetime-local` value (read as local time), or null when empty or invalid. */
export function fromDateTimeLocal(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The instant a local calendar day (`YYYY-MM-DD`) starts, or null. */
export function startOfDayIso(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toISOString();
}

/** The last millisecond of a local calendar day (`YYYY-MM-DD`), or null: a `to` filter includes that day. */
export function endOfDayIso(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1).toISOString();
}
