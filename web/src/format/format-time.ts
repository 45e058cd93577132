/** Dates and durations for people, in the browser's time zone and locale. */

const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** `Mon, Jan 6, 8:05 AM`; only the time when `iso` is today. */
export function formatDateTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === now.toDateString() ? timeOnly.format(d) : dateTime.format(d);
}

/** A full, unambiguous timestamp for tooltips and `<time title>`. */
export function formatFullDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A span of time, coarse to fine: `45s`, `12m`, `2h 5m`, `3d 4h`. Negative spans are measured by size. */
export function formatDurationMs(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes}m`;
  const hours = Math.floor(totalMinutes / 60);
  if (hours < 24) return totalMinutes % 60 ? `${hours}h ${totalMinutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** `5m ago`, `just now`. */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (ms < 45_000) return 'just now';
  return `${formatDurationMs(ms)} ago`;
}

/** Seconds as `1:05`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
const withZone = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

/** Rewrites ISO-8601 instants inside a server message (`… until 2025-01-06T14:00:00.000Z`) as local time with its zone. */
export function humanizeInstants(text: string): string {
  return text.replace(ISO_INSTANT, (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : withZone.format(d);
  });
}
