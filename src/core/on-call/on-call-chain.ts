import { DateTime } from 'luxon';

/** A person who can be paged. */
export interface OnCallPerson {
  name: string;
  /** E.164. */
  phoneE164: string;
}

/**
 * One on-call shift: `person` is on call on `weekdays` (1 = Monday … 7 = Sunday, ISO) from `start`
 * to `end` (`HH:MM`, wall-clock in the rotation's time zone; `end` ≤ `start` runs past midnight).
 */
export interface OnCallShift {
  person: OnCallPerson;
  weekdays: number[];
  start: string;
  end: string;
}

/**
 * An organization's on-call rotation. `shifts` are tried in order (the first matching shift is the
 * primary, the next matching one the backup); `owner` is paged last. `timeZone` is IANA.
 * `ackTimeoutMinutes`: how long a page waits for "1"/ACK before the next person is paged (default 5).
 */
export interface OnCallRotation {
  timeZone: string;
  shifts: OnCallShift[];
  owner: OnCallPerson | null;
  ackTimeoutMinutes: number;
}

/**
 * Who to page at `now`, in order: the primary on call, the backup, then the owner; each person once.
 * Empty when nobody is configured. Pure (Luxon computes the wall clock in the rotation's zone).
 */
export function onCallChain(rotation: OnCallRotation, now: Date): OnCallPerson[] {
  const local = DateTime.fromJSDate(now, { zone: rotation.timeZone });
  const minutes = local.hour * 60 + local.minute;
  const yesterday = local.minus({ days: 1 }).weekday;
  const chain: OnCallPerson[] = [];
  for (const shift of rotation.shifts) {
    const start = toMinutes(shift.start);
    const end = toMinutes(shift.end);
    const overnight = end <= start;
    const onToday = shift.weekdays.includes(local.weekday) && (overnight ? minutes >= start : minutes >= start && minutes < end);
    const fromYesterday = overnight && shift.weekdays.includes(yesterday) && minutes < end;
    if (onToday || fromYesterday) chain.push(shift.person);
  }
  if (rotation.owner) chain.push(rotation.owner);
  return chain.filter((p, i) => chain.findIndex((q) => q.phoneE164 === p.phoneE164) === i);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
