/**
 * Understanding a customer's answer to a slot offer (issue 6, build step 2): "1", "#2", "option 2", "the
 * first one", "the 2nd", "tuesday morning", "tomorrow afternoon", "wed 8-12", Spanish "el primero", "la
 * segunda", "martes por la mañana", "mañana en la tarde".
 *
 * Rule-based and deliberately cautious: a wrong booking is worse than a person reading the text. Anything
 * ambiguous ("1 or 2", "either"), out of range ("12" when two were offered, a phone number), negative
 * ("no", "neither", "can't do tuesday"), qualified ("tuesday but after 10"), or a long message that merely
 * contains a number ("I have 2 dogs") comes back `none`; the caller then hands the lead to a person or
 * sends the booking link. Opt-out words ("STOP", "cancel") are `none` here too: run the opt-out detector
 * first, as for every inbound message.
 *
 * Pure: `now` is an argument, no clock reads. Dates are local dates (`YYYY-MM-DD`) in the organization's
 * IANA time zone.
 */
import { DateTime } from 'luxon';
import { isoDateOf, localDateOf, localMinuteOfDay, parseInstant, requireZone, type Instant } from './local-time.ts';
import type { Opening } from './openings.ts';

/** Morning: a window starting before 12:00 local. Afternoon: starting at 12:00 local or later. */
export type DayPart = 'morning' | 'afternoon';

/**
 * What a reply said, before it is matched to the offer (`resolveSlotReply` does that):
 * - `choice`: one of the offered openings by position; `index` is **0-based** into `offered` (a reply
 *   "1" is `index: 0`) and always within range.
 * - `day_part`: a local date (`YYYY-MM-DD`) and a part of it ("tuesday morning").
 * - `day`: a local date without a part ("tuesday", "mañana", "3/17").
 * - `part`: a part without a date ("the afternoon one", "por la tarde").
 * - `none`: nothing usable, or something ambiguous, negative or out of range.
 */
export type SlotReply =
  | { kind: 'choice'; index: number }
  | { kind: 'day_part'; date: string; part: DayPart }
  | { kind: 'day'; date: string }
  | { kind: 'part'; part: DayPart }
  | { kind: 'none' };

/** The organization's IANA time zone and the current instant (ISO-8601 with offset). */
export interface SlotReplyContext {
  timeZone: string;
  now: Instant;
}

/**
 * Reads `text` (an SMS reply, English or Spanish, any case, accents optional) against the openings
 * `offered` in the message it answers (same order as offered: reply "1" = `offered[0]`).
 *
 * Understands: a number ("1", "#1", "option 2", "opción 2", "number 2", "1 please"); an ordinal ("first",
 * "the first one", "second", "the 2nd", "el primero", "la segunda", "the last one"); a weekday, "today",
 * "tomorrow", "mañana", "pasado mañana", a date ("3/17", or "17/3" when that is an offered date), with or
 * without a part ("morning", "afternoon", "am", "pm", "por la mañana", "en la tarde", "esta tarde"); a
 * clock time ("at 10", "2pm", "a las 3": morning before noon, afternoon from noon to 18:00); and an offered
 * window's hours ("8-12", "wed 12-4", "de 8 a 12").
 *
 * A weekday in the result is the earliest offered opening's date on that weekday, else the next such date
 * on or after today (local date of `now`; after "next" / "próximo", after today); matched against offered windows ("1, tuesday", "tue 8-12") it
 * fits any offered date on that weekday. A weekday beside a date must be that date's ("Tue 3/17").
 * "mañana" is tomorrow, except after "la" ("por la mañana": morning) or after a weekday ("martes mañana").
 * A choice together with a day, part, time or hours ("1, tuesday morning") must agree with the offered
 * opening, else `none`; hours ("8-12") that match no offered window are `none`. Bare numbers and bare ordinals ("2", "two", "first") count only when
 * everything else in the message is filler ("please", "works", "thanks", "ok"…); marked choices, days
 * and parts tolerate up to three unrecognized words.
 *
 * Throws `RangeError` for an unknown time zone or a malformed `now` / offered instant.
 */
export function parseSlotReply(text: string, offered: readonly Pick<Opening, 'start' | 'end'>[], context: SlotReplyContext): SlotReply {
  requireZone(context.timeZone);
  const today = localDateOf(parseInstant(context.now, 'now'), context.timeZone);
  const windows = offered.map((o, i) => describe(o, i, context.timeZone));
  const f = extract(text, windows, today);
  if (f.refuse) return NONE;

  const choices = unique(f.choices.map((c) => c.n));
  const dates = unique(f.days.map((d) => isoDateOf(d)));
  const weekdays = unique(f.weekdays);
  const parts = unique(f.parts);
  if (choices.length > 1 || dates.length > 1 || weekdays.length > 1 || parts.length > 1 || f.times.length > 1) return NONE;
  const choice = choices[0];
  const explicitDate = f.days[0];
  const weekday = weekdays[0];
  // "tomorrow tuesday", "Tue 3/17": the weekday must be the date's.
  if (explicitDate !== undefined && weekday !== undefined && explicitDate.weekday !== weekday) return NONE;
  const part = parts[0];
  const time = f.times[0];
  const strong = f.choices.some((c) => c.strong) || explicitDate !== undefined || weekday !== undefined || part !== undefined || f.ranges.length > 0;
  if (f.unknown > (strong ? MAX_UNKNOWN_WORDS : 0)) return NONE;

  // A weekday alone matches an offered window on any date with that weekday.
  const agrees = (w: OfferedWindow): boolean =>
    (explicitDate !== undefined ? w.date === isoDateOf(explicitDate) : weekday === undefined || w.weekday === weekday) &&
    (part === undefined || w.part === part) &&
    (time === undefined || (w.startMinute <= time && time < w.endMinute)) &&
    f.ranges.every((r) => r.has(w.index));
  const date = explicitDate !== undefined ? isoDateOf(explicitDate) : weekday !== undefined ? isoDateOf(dateForWeekday(weekday, windows, today, f.nextWeek)) : undefined;

  if (choice !== undefined) {
    const w = windows[choice - 1];
    return w && agrees(w) ? { kind: 'choice', index: w.index } : NONE;
  }
  if (f.ranges.length > 0) {
    const matching = windows.filter(agrees);
    return matching.length === 1 && matching[0] ? { kind: 'choice', index: matching[0].index } : NONE;
  }
  if (date !== undefined && part !== undefined) return { kind: 'day_part', date, part };
  if (date !== undefined) return { kind: 'day', date };
  if (part !== undefined) return { kind: 'part', part };
  return NONE;
}

/**
 * A parsed reply matched to the offer:
 * - `offered`: exactly one offered opening fits (`index` 0-based, `opening` is `offered[index]`): hold
 *   or book it.
 * - `other`: the customer named a day and/or part that no single offered opening fits (none, or several):
 *   look up openings for it (`date` and/or `part`) and offer those, or send the booking link.
 * - `none`: nothing usable (hand to a person or send the booking link).
 */
export type ResolvedSlotReply<O extends Pick<Opening, 'start' | 'end'> = Opening> =
  | { kind: 'offered'; index: number; opening: O }
  | { kind: 'other'; date?: string; part?: DayPart }
  | { kind: 'none' };

/**
 * Maps `reply` (from `parseSlotReply` with the same `offered`) to one offered opening when exactly one
 * matches: a choice is that opening; a day and/or part is the single offered opening on that local date
 * (in `timeZone`) and/or in that part of the day. Several or no matches give `other` with what was asked.
 * Throws `RangeError` for an unknown zone, a malformed offered instant, or a choice index outside `offered`.
 */
export function resolveSlotReply<O extends Pick<Opening, 'start' | 'end'>>(
  reply: SlotReply,
  offered: readonly O[],
  context: { timeZone: string },
): ResolvedSlotReply<O> {
  requireZone(context.timeZone);
  if (reply.kind === 'none') return NONE;
  if (reply.kind === 'choice') {
    const opening = offered[reply.index];
    if (!opening) throw new RangeError(`choice index ${reply.index} is outside the ${offered.length} offered openings`);
    return { kind: 'offered', index: reply.index, opening };
  }
  const date = reply.kind === 'part' ? undefined : reply.date;
  const part = reply.kind === 'day' ? undefined : reply.part;
  const matching = offered
    .map((o, i) => describe(o, i, context.timeZone))
    .filter((w) => (date === undefined || w.date === date) && (part === undefined || w.part === part));
  const only = matching.length === 1 ? matching[0] : undefined;
  const opening = only ? offered[only.index] : undefined;
  if (only && opening) return { kind: 'offered', index: only.index, opening };
  return { kind: 'other', ...(date !== undefined ? { date } : {}), ...(part !== undefined ? { part } : {}) };
}

/** `parseSlotReply` then `resolveSlotReply`: the reply to `offered` as an offered opening, another day/part, or none. */
export function understandSlotReply<O extends Pick<Opening, 'start' | 'end'>>(
  text: string,
  offered: readonly O[],
  context: SlotReplyContext,
): ResolvedSlotReply<O> {
  return resolveSlotReply(parseSlotReply(text, offered, context), offered, context);
}

// ---------------------------------------------------------------------------------------------------

const NONE = { kind: 'none' } as const;

/** How far ahead a numeric date ("3/17") may point; further is more likely not a date at all. */
const MAX_DATE_DAYS = 60;

/** How many unrecognized words a reply with a marked choice, day or part may carry. */
const MAX_UNKNOWN_WORDS = 3;

interface OfferedWindow {
  index: number;
  date: string;
  weekday: number;
  part: DayPart;
  startMinute: number;
  endMinute: number;
}

function describe(o: Pick<Opening, 'start' | 'end'>, index: number, timeZone: string): OfferedWindow {
  const start = parseInstant(o.start, `offered[${index}].start`);
  const end = parseInstant(o.end, `offered[${index}].end`);
  const startDate = localDateOf(start, timeZone);
  const startMinute = localMinuteOfDay(start, timeZone);
  const endDays = localDateOf(end, timeZone).diff(startDate, 'days').days;
  const endMinute = localMinuteOfDay(end, timeZone) + endDays * 24 * 60;
  return { index, date: isoDateOf(startDate), weekday: startDate.weekday, part: startMinute < 12 * 60 ? 'morning' : 'afternoon', startMinute, endMinute };
}

interface Features {
  choices: { n: number; strong: boolean }[];
  /** Dates named outright: today, tomorrow, "3/17", "this afternoon". */
  days: DateTime[];
  /** ISO weekdays named ("tuesday", "mar"). */
  weekdays: number[];
  /** A weekday came after "next" / "próximo": not today. */
  nextWeek: boolean;
  parts: DayPart[];
  /** Single clock times, minutes after local midnight. */
  times: number[];
  /** Offered-window hour ranges ("8-12"): the indexes of the offered windows each matches. */
  ranges: Set<number>[];
  unknown: number;
  refuse: boolean;
}

const WEEKDAY_WORDS: Record<string, number> = {
  monday: 1, mon: 1, lunes: 1, lun: 1,
  tuesday: 2, tue: 2, tues: 2, martes: 2, mar: 2,
  wednesday: 3, wed: 3, weds: 3, miercoles: 3, mie: 3, mier: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, jueves: 4, jue: 4,
  friday: 5, fri: 5, viernes: 5, vie: 5,
  saturday: 6, sat: 6, sabado: 6, sab: 6,
  sunday: 7, sun: 7, domingo: 7, dom: 7,
};

const TOMORROW = new Set(['tomorrow', 'tmrw', 'tmr', 'tmrow', 'tomorow', 'tommorow', 'tommorrow', 'tomorrows', 'tomm']);
const TODAY = new Set(['today', 'hoy', 'todays']);
const MORNING = new Set(['morning', 'mornings', 'mornin', 'morn', 'am', 'temprano', 'early']);
const AFTERNOON = new Set(['afternoon', 'afternoons', 'aft', 'arvo', 'pm', 'tarde', 'tardes']);

const ORDINALS: Record<string, number> = {
  first: 1, primero: 1, primera: 1, primer: 1,
  second: 2, segundo: 2, segunda: 2,
  third: 3, tercero: 3, tercera: 3, tercer: 3,
  fourth: 4, fifth: 5, quinto: 5, quinta: 5,
};
const NUMBER_WORDS: Record<string, number> = { one: 1, uno: 1, two: 2, dos: 2, three: 3, tres: 3, four: 4, cuatro: 4, five: 5, cinco: 5 };
const LAST = new Set(['last', 'ultimo', 'ultima']);

/** Words before a number that make it a choice ("option 2", "la 1", "#1" is rewritten to "number 1"). */
const CHOICE_MARKERS = new Set(['option', 'options', 'opt', 'number', 'num', 'numero', 'opcion', 'choice', 'slot', 'the', 'el', 'la', 'pick', 'choose']);
/** Words before an ordinal that make it a choice ("the first"). */
const ARTICLES = new Set(['the', 'el', 'la', 'lo', 'that', 'this', 'esa', 'ese', 'esta', 'este']);
/** Nouns after an ordinal that make it a choice ("first one", "second option"). */
const CHOICE_NOUNS = new Set(['one', 'option', 'opt', 'choice', 'slot', 'time', 'window', 'uno', 'una', 'opcion', 'horario', 'hora', 'cita', 'appointment', 'appt']);

/** Any of these makes the reply `none`: negation, hesitation, "either", "later", qualifications, opt-out words, other intents. */
const REFUSE = new Set([
  'no', 'not', 'nope', 'nah', 'dont', 'doesnt', 'cant', 'cannot', 'wont', 'neither', 'nor', 'none', 'never', 'nothing',
  'ni', 'ninguno', 'ninguna', 'ningun', 'nunca', 'tampoco', 'nada',
  'but', 'pero', 'except', 'unless', 'excepto', 'salvo', 'sino',
  'either', 'any', 'anything', 'anytime', 'whichever', 'whatever', 'both', 'all', 'cualquiera', 'cualquier', 'ambos', 'ambas', 'todos', 'todas',
  'other', 'another', 'else', 'different', 'otro', 'otra', 'otros', 'otras', 'diferente',
  'later', 'earlier', 'sooner', 'luego', 'despues', 'antes', 'week', 'semana', 'weekend', 'month', 'mes',
  'evening', 'evenings', 'night', 'nights', 'tonight', 'noche', 'noches', 'midnight', 'medianoche',
  'stop', 'stopall', 'cancel', 'unsubscribe', 'quit', 'end', 'revoke', 'optout', 'baja', 'alto', 'parar', 'cancelar',
  'wait', 'hold', 'espera', 'espere', 'maybe', 'perhaps', 'quizas', 'tal', 'vez', 'unsure', 'idk', 'depends', 'depende',
  'call', 'llame', 'llamar', 'llamen', 'llameme', 'llamame', 'reschedule', 'price', 'cost', 'precio', 'cuanto', 'how', 'why', 'what', 'where',
]);

/** Words that carry nothing here: politeness, agreement, pronouns, articles, verbs of choosing. */
const FILLER = new Set(
  (
    'i ill id im ive me my we well were us our lets let do does go take want wanna like prefer would will choose pick book schedule ' +
    'the a an one option options opt number num choice slot window time times appointment appt visit is are be been it its thats that this these those ' +
    'works work working good great fine perfect ok okay k kk sure yes yeah yep yup ya sounds sound best better cool awesome nice ' +
    'please pls plz thanks thank thx ty you u then see for at on in of by to with and or from around between about ' +
    'hi hello hey there next coming upcoming day can could should if possible available free open only just ' +
    'el la los las lo le les un una de del en por para al a que me mi nos nosotros yo quiero queremos quisiera prefiero preferimos ' +
    'tomo elijo escojo opcion numero num horario hora cita visita si esta este ese esa es son seria estaria bien bueno buena perfecto ' +
    'vale claro porfa porfavor favor gracias funciona sirve mejor va puede pueden podemos puedo dia proximo proxima hola oye pues solo solamente ' +
    'y o con entre desde hasta las'
  ).split(' '),
);

const AM_PM = '(am|pm)';

function extract(text: string, windows: readonly OfferedWindow[], today: DateTime): Features {
  const f: Features = { choices: [], days: [], weekdays: [], nextWeek: false, parts: [], times: [], ranges: [], unknown: 0, refuse: false };
  let t = fold(text);
  // Greetings are not day parts: "buenas tardes, el primero", "good morning! 2 please".
  t = t.replace(/\b(good\s+(morning|afternoon|evening|night)|buen(os|as)?\s+(dias|tardes|noches)|buen\s+dia)\b/g, ' ');
  t = t.replace(/\ba\.?\s?m\b\.?/g, 'am').replace(/\bp\.?\s?m\b\.?/g, 'pm');
  t = t.replace(/\b(2morrow|2morow|2moro|2mrw)\b/g, 'tomorrow');
  t = t.replace(/#\s*(\d+)/g, ' number $1 ');
  t = t.replace(/\b(number|numero|num|no)\s*\.\s*(\d)/g, 'number $2');
  // "one second", "un segundo": hold on, not the second option.
  if (/\b(a|one|1|un|uno|just a|half a)\s+(sec|secs|second|seconds|segundo|segundito|momento|moment|minute|min|minuto)\b/.test(t)) {
    f.refuse = true;
    return f;
  }

  // Hour ranges of offered windows: "8-12", "8am-12pm", "12 to 4", "de 8 a 12".
  t = t.replace(
    new RegExp(`\\b(\\d{1,2})(?::([0-5]\\d))?\\s*${AM_PM}?\\s*(?:-|–|—|to|til|till|until|a|hasta|y)\\s*(\\d{1,2})(?::([0-5]\\d))?\\s*${AM_PM}?(?![\\d:])`, 'g'),
    (whole: string, h1: string, m1: string | undefined, ap1: string | undefined, h2: string, m2: string | undefined, ap2: string | undefined) => {
      // "6:45-8am": an am/pm on the end only may be the start's too, or not ("10-2pm").
      const starts =
        ap1 === undefined && ap2 !== undefined
          ? [...clockCandidates(Number(h1), Number(m1 ?? 0), 'am'), ...clockCandidates(Number(h1), Number(m1 ?? 0), 'pm')]
          : clockCandidates(Number(h1), Number(m1 ?? 0), ap1 ?? null);
      const ends = clockCandidates(Number(h2), Number(m2 ?? 0), ap2 ?? null, true);
      const matching = new Set(windows.filter((w) => starts.includes(w.startMinute) && ends.includes(w.endMinute)).map((w) => w.index));
      if (matching.size === 0) f.refuse = true; // hours that were not offered: a person should read it
      else f.ranges.push(matching);
      return ' ';
    },
  );
  // Dates: "3/17", "3/17/26", or "17/3" when that is an offered date.
  t = t.replace(/\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/g, (whole: string, a: string, b: string, y: string | undefined) => {
    const date = resolveNumericDate(Number(a), Number(b), y === undefined ? null : Number(y), windows, today);
    if (date) f.days.push(date);
    else f.refuse = true;
    return ' ';
  });
  // Clock times: "10:30", "2pm", "2 pm", "at 10", "@10", "a las 3", "a la 1".
  t = t.replace(
    new RegExp(`(?:\\b(?:at|a las|a la)\\s*|@\\s*)(\\d{1,2})(?::([0-5]\\d))?\\s*${AM_PM}?\\b|\\b(\\d{1,2}):([0-5]\\d)\\s*${AM_PM}?\\b|\\b(\\d{1,2})\\s*${AM_PM}\\b`, 'g'),
    (whole: string, ...g: (string | undefined)[]) => {
      const [h, m, ap] = g[0] !== undefined ? [g[0], g[1], g[2]] : g[3] !== undefined ? [g[3], g[4], g[5]] : [g[6], undefined, g[7]];
      const minutes = clockCandidates(Number(h), Number(m ?? 0), ap ?? null)[0];
      if (minutes === undefined || minutes < 6 * 60 || minutes >= 18 * 60) f.refuse = true;
      else {
        f.times.push(minutes);
        f.parts.push(minutes < 12 * 60 ? 'morning' : 'afternoon');
      }
      return ' ';
    },
  );

  const tokens = t.match(/[a-z]+|\d+(?:st|nd|rd|th|ro|ra|er|do|da)?/g) ?? [];
  let todayWord = false; // "this afternoon", "esta tarde"
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i] ?? '';
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const weekday = WEEKDAY_WORDS[w];
    if (w === 'manana') {
      if (prev === 'pasado') f.days.push(today.plus({ days: 2 }));
      else if (prev === 'la' || prev === 'las' || prev === 'esta' || (prev !== undefined && (WEEKDAY_WORDS[prev] !== undefined || prev === 'manana' || prev === 'hoy'))) {
        f.parts.push('morning');
        if (prev === 'esta') todayWord = true;
      } else f.days.push(today.plus({ days: 1 }));
    } else if (w === 'pasado' && next === 'manana') {
      // handled with "manana"
    } else if (w === 'day' && next === 'after' && tokens[i + 2] !== undefined && TOMORROW.has(tokens[i + 2] ?? '')) {
      f.days.push(today.plus({ days: 2 }));
      i += 2;
    } else if ((w === 'after' || w === 'before') && (next === 'noon' || next === 'lunch')) {
      f.parts.push(w === 'after' ? 'afternoon' : 'morning');
      i += 1;
    } else if (weekday !== undefined) {
      f.weekdays.push(weekday);
      if (prev === 'next' || prev === 'proximo' || prev === 'proxima') f.nextWeek = true;
    } else if (TOMORROW.has(w)) {
      f.days.push(today.plus({ days: 1 }));
    } else if (TODAY.has(w)) {
      f.days.push(today);
    } else if (w === 'am' && prev === 'i') {
      // "I am": not a morning
    } else if (MORNING.has(w) || AFTERNOON.has(w)) {
      if (w === 'tarde' && prev === 'mas') f.refuse = true; // "más tarde": later
      f.parts.push(MORNING.has(w) ? 'morning' : 'afternoon');
      if (prev === 'this' || prev === 'esta') todayWord = true;
    } else if (ORDINALS[w] !== undefined || /^\d+(st|nd|rd|th|ro|ra|er|do|da)$/.test(w)) {
      const n = ORDINALS[w] ?? parseInt(w, 10);
      const strong = /^\d/.test(w) || (prev !== undefined && ARTICLES.has(prev)) || (next !== undefined && CHOICE_NOUNS.has(next));
      f.choices.push({ n, strong });
    } else if (LAST.has(w)) {
      f.choices.push({ n: windows.length, strong: (prev !== undefined && ARTICLES.has(prev)) || (next !== undefined && CHOICE_NOUNS.has(next)) });
    } else if (/^\d+$/.test(w)) {
      const n = w.length > 2 ? Number.MAX_SAFE_INTEGER : Number(w);
      f.choices.push({ n, strong: prev !== undefined && CHOICE_MARKERS.has(prev) });
    } else if (NUMBER_WORDS[w] !== undefined && !(w === 'one' && prev !== undefined && (!CHOICE_MARKERS.has(prev) || prev === 'the'))) {
      // "one" is a number at the start ("one please") or after a marker ("option one"); elsewhere it is
      // the noun of "the first one", "the afternoon one", "that one".

      f.choices.push({ n: NUMBER_WORDS[w] ?? 0, strong: prev !== undefined && CHOICE_MARKERS.has(prev) });
    } else if (REFUSE.has(w)) {
      f.refuse = true;
    } else if (!FILLER.has(w) && w !== 'pasado' && w !== 'mas') {
      f.unknown++;
    }
  }
  if (todayWord && f.days.length === 0 && f.weekdays.length === 0) f.days.push(today);
  return f;
}

/**
 * Minutes after midnight a spoken clock hour may mean. With am/pm: that one. Without: 7–11 morning,
 * 12 noon, 1–6 afternoon, 0 and 13–24 as on a 24-hour clock. `asEnd` lets "12" end a window at midnight
 * (1440) as well as noon.
 */
function clockCandidates(hour: number, minute: number, ampm: string | null, asEnd = false): number[] {
  if (ampm !== null) {
    if (hour < 1 || hour > 12) return [];
    const h = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    const m = h * 60 + minute;
    return asEnd && m === 0 ? [1440] : [m];
  }
  if (hour >= 13 && hour <= 24) return [hour * 60 + minute];
  if (hour === 0) return [minute];
  if (hour === 12) return asEnd ? [720 + minute, 1440] : [720 + minute];
  if (hour >= 7) return [hour * 60 + minute];
  return [(hour + 12) * 60 + minute];
}

/**
 * The earliest offered date on `weekday` (today or later), else the first date on or after today on that
 * weekday. With `afterToday` ("next monday", "el próximo lunes") today itself does not count.
 */
function dateForWeekday(weekday: number, windows: readonly OfferedWindow[], today: DateTime, afterToday: boolean): DateTime {
  const first = isoDateOf(afterToday ? today.plus({ days: 1 }) : today);
  const offered = windows
    .filter((w) => w.weekday === weekday && w.date >= first)
    .map((w) => w.date)
    .sort()[0];
  if (offered !== undefined) return DateTime.fromISO(offered, { zone: 'utc' });
  const ahead = (weekday - today.weekday + 7) % 7;
  return today.plus({ days: ahead === 0 && afterToday ? 7 : ahead });
}

/**
 * A numeric date as month/day (US), or day/month when only that reading is a valid date or an offered
 * date; a missing year is the next such date on or after today. `null` when neither reading is a date
 * within the next `MAX_DATE_DAYS` days, or when both numbers could be offered choices ("1/2": one or two?).
 */
function resolveNumericDate(a: number, b: number, year: number | null, windows: readonly OfferedWindow[], today: DateTime): DateTime | null {
  const readings = [
    [a, b],
    [b, a],
  ]
    .map(([month, day]) => dateFrom(month ?? 0, day ?? 0, year, today))
    .filter((d): d is DateTime => d !== null && d >= today && d.diff(today, 'days').days <= MAX_DATE_DAYS);
  const offeredDates = new Set(windows.map((w) => w.date));
  const offered = readings.find((d) => offeredDates.has(isoDateOf(d)));
  if (offered) return offered;
  if (a !== b && a >= 1 && b >= 1 && a <= windows.length && b <= windows.length) return null;
  return readings[0] ?? null;
}

function dateFrom(month: number, day: number, year: number | null, today: DateTime): DateTime | null {
  const make = (y: number): DateTime | null => {
    const d = DateTime.fromObject({ year: y, month, day }, { zone: 'utc' });
    return d.isValid ? d : null;
  };
  if (year !== null) return make(year < 100 ? 2000 + year : year);
  const thisYear = make(today.year);
  if (thisYear && thisYear >= today) return thisYear;
  return make(today.year + 1);
}

/** Lower case, accents and ñ folded, apostrophes dropped ("I'll" → "ill", "mañana" → "manana"). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`´]/g, '');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
