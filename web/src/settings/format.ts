/** Display helpers for settings screens. */

/** A duration in minutes as people say it: `45 min`, `2 h`, `1 day 4 h`. */
export function formatMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return 'no wait';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [days ? `${days} ${days === 1 ? 'day' : 'days'}` : '', hours ? `${hours} h` : '', mins ? `${mins} min` : ''];
  return parts.filter(Boolean).join(' ');
}

/** An ISO instant in the viewer's locale, date and time (`Jun 3, 2026, 9:14 AM`). */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
