/**
 * The SMS that offers openings to a customer (issue 6, build step 2): "Reply 1 for Tue 8-12, 2 for Tue
 * 12-4, or pick another time: <link>", in English or Spanish, kept to one GSM-7 segment (≤ 160
 * characters) whenever the openings and link allow.
 *
 * GSM-7 matters: one character outside the GSM 03.38 alphabet turns the whole message into UCS-2 (70
 * characters per segment), so labels use a plain hyphen, not an en dash ("8-12", not "8–12"), and the
 * Spanish text avoids á, í, ó, ú (é and ñ are GSM-7): Saturday is "sab", not "sáb". Segments are counted
 * with Twilio's `sms-segments-calculator`.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import { localDateOf, localOf, parseInstant, requireZone, type Instant } from './local-time.ts';
import type { Opening } from './openings.ts';

/** The languages Ringback writes in (as `TriageLanguage`). */
export type OfferLanguage = 'en' | 'es';

/**
 * How to write an offer:
 * - `timeZone`: the organization's IANA zone; labels are local times there.
 * - `language`: `'en'` or `'es'` (the contact's language, e.g. from `detectLanguage` of their message).
 * - `bookingLink`: the lead's booking page URL, or `null` to ask for a day and time instead.
 * - `now`: optional; when given, an opening 7 or more local days away is labelled with its date too
 *   ("Tue 3/17"), since a bare weekday would read as this week's.
 * - `businessName`: optional; prefixed ("Demo HVAC: …") when the message still fits one GSM-7 segment.
 */
export interface SlotOfferOptions {
  timeZone: string;
  language: OfferLanguage;
  bookingLink: string | null;
  now?: Instant;
  businessName?: string;
}

const WEEKDAYS: Record<OfferLanguage, readonly string[]> = {
  // Index = ISO weekday − 1.
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  es: ['lun', 'mar', 'mié', 'jue', 'vie', 'sab', 'dom'],
};

/**
 * A short local label for an opening: weekday, optional date, and hours on the 12-hour clock joined by a
 * hyphen: `Tue 8-12`, `Tue 12-4`, `Sat 9:30-11`, Spanish `mar 8-12`. Windows that lie within 07:00–18:00
 * are written bare (a customer reads "12-4" as the afternoon); any other gets am/pm (`6-9pm`,
 * `10am-2pm`, `7pm-12am`). With `withDate`, the local date follows the weekday: `Tue 3/17` (month/day),
 * Spanish `mar 17/3` (day/month). Throws `RangeError` for an unknown zone or malformed instant.
 */
export function openingLabel(opening: Pick<Opening, 'start' | 'end'>, options: { timeZone: string; language: OfferLanguage; withDate?: boolean }): string {
  requireZone(options.timeZone);
  const start = localOf(parseInstant(opening.start, 'start'), options.timeZone);
  const end = localOf(parseInstant(opening.end, 'end'), options.timeZone);
  const startMinute = start.hour * 60 + start.minute;
  const endsNextDay = end.startOf('day') > start.startOf('day');
  const endMinute = endsNextDay && end.hour === 0 && end.minute === 0 ? 24 * 60 : end.hour * 60 + end.minute;
  const daytime = startMinute >= 7 * 60 && endMinute <= 18 * 60;
  let hours: string;
  if (daytime) {
    hours = `${clock(startMinute)}-${clock(endMinute)}`;
  } else {
    const m1 = meridiem(startMinute);
    const m2 = meridiem(endMinute);
    hours = m1 === m2 ? `${clock(startMinute)}-${clock(endMinute)}${m2}` : `${clock(startMinute)}${m1}-${clock(endMinute)}${m2}`;
  }
  const day = WEEKDAYS[options.language][start.weekday - 1] ?? '';
  const date = options.withDate ? (options.language === 'es' ? ` ${start.day}/${start.month}` : ` ${start.month}/${start.day}`) : '';
  return `${day}${date} ${hours}`;
}

/**
 * The slot-offer SMS for `openings` (in the order given; reply "1" means `openings[0]`):
 * - en: `Reply 1 for Tue 8-12, 2 for Tue 12-4, or pick another time: <link>`
 * - es: `Responda 1 para mar 8-12, 2 para mar 12-4, o elija otro horario: <link>`
 *
 * Without a booking link the tail asks for a day and time instead; with no openings at all, the message
 * only points to the link (or asks for a day and time). Among a few phrasings, most complete first
 * (business-name prefix, then the full tail, then a shorter tail), it returns the first that is one GSM-7
 * segment; if none is, the shortest (the caller decides whether to offer fewer openings). Labels carry
 * dates when two openings share a weekday on different dates, or when `now` is given and an opening is 7+
 * local days away. Throws `RangeError` for an unknown zone or malformed instant.
 */
export function formatSlotOffer(openings: readonly Pick<Opening, 'start' | 'end'>[], options: SlotOfferOptions): string {
  requireZone(options.timeZone);
  const es = options.language === 'es';
  const link = options.bookingLink;
  const withDate = needsDates(openings, options);
  const list = openings
    .map((o, i) => `${i + 1} ${es ? 'para' : 'for'} ${openingLabel(o, { timeZone: options.timeZone, language: options.language, withDate })}`)
    .join(', ');

  let bodies: string[];
  if (openings.length === 0) {
    bodies = link
      ? es
        ? [`Elija un horario en ${link}`]
        : [`Pick a time that works for you: ${link}`]
      : es
        ? ['Escriba la fecha y hora que prefiere.']
        : ['Reply with a day and time that works for you.'];
  } else if (link) {
    bodies = es
      ? [`Responda ${list}, o elija otro horario: ${link}`, `Responda ${list}. Otros horarios: ${link}`, `Responda ${list} o ${link}`]
      : [`Reply ${list}, or pick another time: ${link}`, `Reply ${list}. Other times: ${link}`, `Reply ${list} or ${link}`];
  } else {
    bodies = es
      ? [`Responda ${list}, o escriba la fecha y hora que prefiere.`, `Responda ${list}.`]
      : [`Reply ${list}, or reply with a day and time that works.`, `Reply ${list}.`];
  }
  const prefix = options.businessName ? `${options.businessName}: ` : '';
  const candidates = prefix ? [...bodies.map((b) => prefix + b), ...bodies] : bodies;
  return candidates.find(fitsOneGsm7Segment) ?? candidates.reduce((a, b) => (septets(b) < septets(a) ? b : a));
}

/** Whether `text` is GSM-7 encodable and fits one SMS segment (≤ 160 septets, escapes counted as two). */
export function fitsOneGsm7Segment(text: string): boolean {
  const m = new SegmentedMessage(text);
  return m.encodingName === 'GSM-7' && m.segmentsCount === 1;
}

function septets(text: string): number {
  const m = new SegmentedMessage(text);
  return m.encodingName === 'GSM-7' ? m.numberOfCharacters : m.numberOfCharacters * 3;
}

function needsDates(openings: readonly Pick<Opening, 'start' | 'end'>[], options: SlotOfferOptions): boolean {
  const dates = openings.map((o) => localDateOf(parseInstant(o.start, 'start'), options.timeZone));
  const byWeekday = new Map<number, number>();
  for (const d of dates) {
    const seen = byWeekday.get(d.weekday);
    if (seen !== undefined && seen !== d.toMillis()) return true;
    byWeekday.set(d.weekday, d.toMillis());
  }
  if (options.now === undefined) return false;
  const today = localDateOf(parseInstant(options.now, 'now'), options.timeZone);
  return dates.some((d) => d.diff(today, 'days').days >= 7);
}

/** `h` or `h:mm` on the 12-hour clock for minutes after midnight (0 and 1440 → 12). */
function clock(minuteOfDay: number): string {
  const m = minuteOfDay % (24 * 60);
  const h12 = ((Math.floor(m / 60) + 11) % 12) + 1;
  const mm = m % 60;
  return mm === 0 ? `${h12}` : `${h12}:${String(mm).padStart(2, '0')}`;
}

function meridiem(minuteOfDay: number): 'am' | 'pm' {
  const m = minuteOfDay % (24 * 60);
  return m < 12 * 60 ? 'am' : 'pm';
}
