/**
 * Messaging quiet hours by jurisdiction: the federal default and the stricter state windows, each with its citation.
 *
 * Reference data, pure: no I/O, no clock. Times are wall-clock times in the RECIPIENT's local time zone (the zone is
 * resolved by `recipient-location.ts`; the check is in `quiet-hours.ts`). A window is half-open, `[start, end)`, in
 * whole minutes after local midnight: 08:00–21:00 allows 08:00:00 up to 20:59:59 and refuses 21:00:00 (the rules say
 * "not after 9 p.m."; treating 21:00 itself as closed is the conservative reading). `null` means no window that day.
 *
 * A state rule applies on top of the federal one: the effective window for a weekday is the intersection of the two
 * (see {@link effectiveQuietHours}). Every state below is stricter than federal on at least one day.
 *
 * Scope and limits (read before relying on this table):
 * - These statutes regulate telephone *solicitations* (telemarketing) and, in the newer "mini-TCPA" laws, text
 *   messages expressly. Ringback applies the windows to every automated message that is not exempt by organization
 *   policy (DESIGN.md §5); that is stricter than the law for purely informational messages, on purpose.
 * - Legal holidays are NOT modelled. Several states also forbid solicitations on state or federal holidays (e.g. RI
 *   § 5-61-2, UT § 13-25a-103(3)(c), LA PSC rules, AL PSC rules). Adding them needs a holiday calendar per state.
 * - Emergency declarations (e.g. Louisiana bans solicitation during a declared state of emergency, La. R.S.
 *   45:844.31) are not modelled.
 * - `confidence: 'statute-text'` means the hours were checked against the text of the cited provision;
 *   `'secondary-sources'` means the hours come from consistent compliance guides and news of the enactment, and the
 *   exact subsection was not checked against the official code. Verify those before relying on the citation.
 * - Not legal advice. The table was last reviewed 2026-11.
 *
 * Considered and left out:
 * - AL: the 8:00–20:00 / no-Sunday / no-holiday rule usually quoted for Alabama is an Alabama Public Service
 *   Commission rule that binds telephone utilities (carriers), not sellers; no Alabama statute found that limits a
 *   seller's hours. Not included.
 * - KY, MI, MN, NV, NM, PA, and others appear in compliance guides with windows such as 10:00–21:00 or 9:00–20:00;
 *   their statutory basis (often limited to automatic dialing-announcing devices or to specific industries) was not
 *   verified. Not included. Add a row only with a citation.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday (Luxon's `DateTime#weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The allowed part of one local day, `[start, end)`, in minutes after local midnight (0–1440). */
export interface DailyWindow {
  /** First allowed minute, minutes after local midnight (480 = 08:00). */
  readonly start: number;
  /** First refused minute after the window, minutes after local midnight (1260 = 21:00). */
  readonly end: number;
}

/** The allowed window for each ISO weekday; `null` means no messages at all that day. */
export type WeeklyWindows = Readonly<Record<IsoWeekday, DailyWindow | null>>;

/** One jurisdiction's quiet-hours rule. */
export interface QuietHoursRule {
  /** `'US'` for the federal rule, else the USPS state code (`'FL'`). */
  readonly jurisdiction: string;
  /** Allowed window per ISO weekday, recipient-local wall-clock time. */
  readonly windows: WeeklyWindows;
  /** Citation of the rule (statute or regulation, with the enacting act where it helps). */
  readonly source: string;
  /** How the hours were checked (see the module comment). */
  readonly confidence: 'statute-text' | 'secondary-sources';
  /** Caveats: scope, ambiguities, what is not modelled. */
  readonly notes?: string;
}

/** Minutes after midnight for an `'HH:MM'` literal. */
function hm(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`Bad time literal ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function span(start: string, end: string): DailyWindow {
  return { start: hm(start), end: hm(end) };
}

function everyDay(w: DailyWindow): WeeklyWindows {
  return { 1: w, 2: w, 3: w, 4: w, 5: w, 6: w, 7: w };
}

function week(days: { monToFri: DailyWindow | null; sat: DailyWindow | null; sun: DailyWindow | null }): WeeklyWindows {
  const { monToFri: d, sat, sun } = days;
  return { 1: d, 2: d, 3: d, 4: d, 5: d, 6: sat, 7: sun };
}

/**
 * Federal default, everywhere in the US and its territories: 08:00–21:00 every day, local time at the called
 * party's location. 47 CFR § 64.1200(c)(1) (TCPA rules, under 47 U.S.C. § 227(c)); the FCC treats a text message as
 * a call for the TCPA.
 */
export const FEDERAL_QUIET_HOURS: QuietHoursRule = {
  jurisdiction: 'US',
  windows: everyDay(span('08:00', '21:00')),
  source: '47 CFR § 64.1200(c)(1) (TCPA)',
  confidence: 'statute-text',
};

/**
 * State windows stricter than the federal one, keyed by USPS state code. Each row cites its rule.
 *
 * | State | Mon–Fri     | Sat         | Sun         | Source                                                     |
 * |-------|-------------|-------------|-------------|------------------------------------------------------------|
 * | CT    | 09:00–20:00 | 09:00–20:00 | 09:00–20:00 | Conn. Gen. Stat. § 42-288a, as amended by P.A. 23-98       |
 * | FL    | 08:00–20:00 | 08:00–20:00 | 08:00–20:00 | Fla. Stat. § 501.616(6)(a)                                  |
 * | LA    | 08:00–20:00 | 08:00–20:00 | none        | La. PSC General Order R-29617 (Do Not Call rules)           |
 * | MA    | 08:00–20:00 | 08:00–20:00 | 08:00–20:00 | 201 CMR 12.02(2), under M.G.L. c. 159C                      |
 * | MD    | 08:00–20:00 | 08:00–20:00 | 08:00–20:00 | Md. Code, Com. Law § 14-4503 (Stop the Spam Calls Act 2023) |
 * | MS    | 08:00–20:00 | 08:00–20:00 | none        | Miss. Code Ann. § 77-3-723                                  |
 * | OK    | 08:00–20:00 | 08:00–20:00 | 08:00–20:00 | 15 O.S. § 775C.4 (Telephone Solicitation Act of 2022)       |
 * | RI    | 09:00–18:00 | 10:00–17:00 | none        | R.I. Gen. Laws §§ 5-61-2, 5-61-3.6                          |
 * | TX    | 09:00–21:00 | 09:00–21:00 | 12:00–21:00 | Tex. Bus. & Com. Code § 301.051                             |
 * | UT    | 08:00–21:00 | 08:00–21:00 | none        | Utah Code § 13-25a-103(3)                                   |
 * | WA    | 08:00–20:00 | 08:00–20:00 | 08:00–20:00 | RCW 19.158.040(2)                                           |
 */
export const STATE_QUIET_HOURS: Readonly<Record<string, QuietHoursRule>> = {
  CT: {
    jurisdiction: 'CT',
    windows: everyDay(span('09:00', '20:00')),
    source: 'Conn. Gen. Stat. § 42-288a, as amended by P.A. 23-98 (eff. 2023-10-01)',
    confidence: 'secondary-sources',
    notes:
      'P.A. 23-98 extended the telemarketing law to text messages and set 9 a.m.–8 p.m.; the subsection within ' +
      '§ 42-288a was not checked against the official text. § 42-288(c) presumes a call to a Connecticut area ' +
      'code is made in Connecticut.',
  },
  FL: {
    jurisdiction: 'FL',
    windows: everyDay(span('08:00', '20:00')),
    source: 'Fla. Stat. § 501.616(6)(a) (Florida Telemarketing Act, as amended by CS/SB 1120, eff. 2021-07-01)',
    confidence: 'statute-text',
    notes:
      '"before 8 a.m. or after 8 p.m. local time in the called person\'s time zone" (was 9 p.m. before 2021). ' +
      'The 8 p.m. limit is in § 501.616(6)(a), not in the FTSA section § 501.059 (whose ' +
      '(8)(a) is the autodialer consent rule, amended in 2023 by CS/CS/SB 1308 / HB 761). § 501.059 presumes a call ' +
      'to a Florida area code is made to a Florida resident.',
  },
  LA: {
    jurisdiction: 'LA',
    windows: week({ monToFri: span('08:00', '20:00'), sat: span('08:00', '20:00'), sun: null }),
    source: 'La. Public Service Commission General Order R-29617 (Do Not Call Program), under La. R.S. 45:844.11 et seq.',
    confidence: 'secondary-sources',
    notes:
      'UNCERTAIN citation: hours and the Sunday/holiday ban come from compliance guides; the General Order text ' +
      'was not checked. Legal holidays and emergency declarations (La. R.S. 45:844.31) are not modelled.',
  },
  MA: {
    jurisdiction: 'MA',
    windows: everyDay(span('08:00', '20:00')),
    source: '201 CMR 12.02(2) (Massachusetts Do Not Call regulations, under M.G.L. c. 159C)',
    confidence: 'statute-text',
    notes: '"between the hours of 8:00 P.M. to 8:00 A.M., local time at the consumer\'s location" is refused.',
  },
  MD: {
    jurisdiction: 'MD',
    windows: everyDay(span('08:00', '20:00')),
    source: 'Md. Code, Com. Law § 14-4503 (Stop the Spam Calls Act of 2023, SB 90, eff. 2024-01-01)',
    confidence: 'secondary-sources',
    notes: '8 a.m.–8 p.m. in the called party\'s time zone; subsection not checked against the official text.',
  },
  MS: {
    jurisdiction: 'MS',
    windows: week({ monToFri: span('08:00', '20:00'), sat: span('08:00', '20:00'), sun: null }),
    source: 'Miss. Code Ann. § 77-3-723',
    confidence: 'statute-text',
    notes:
      'The statute says "between the hours of 8:00 a.m. and 8:00 p.m. Central Standard Time" and bars Sundays. ' +
      'Applied here as local wall-clock time (Mississippi observes CDT in summer); a literal CST reading would ' +
      'be 09:00–20:00 CDT in summer. Holidays not modelled.',
  },
  OK: {
    jurisdiction: 'OK',
    windows: everyDay(span('08:00', '20:00')),
    source: '15 O.S. § 775C.4 (Oklahoma Telephone Solicitation Act of 2022, HB 3168, eff. 2022-11-01)',
    confidence: 'secondary-sources',
    notes:
      'Replaced the earlier 8 a.m.–9 p.m. limit; the Act presumes a call to an Oklahoma area code is made to an ' +
      'Oklahoma resident. Subsection not checked against the official text.',
  },
  RI: {
    jurisdiction: 'RI',
    windows: week({ monToFri: span('09:00', '18:00'), sat: span('10:00', '17:00'), sun: null }),
    source: 'R.I. Gen. Laws § 5-61-3.6 ("hours of operation" as defined in § 5-61-2)',
    confidence: 'statute-text',
    notes:
      'Applies to "unsolicited telephonic sales calls" by a "telephonic seller" as narrowly defined in § 5-61-2; ' +
      'applied to all Rhode Island recipients here as the conservative choice. State and federal holidays are ' +
      'excluded by the statute but not modelled.',
  },
  TX: {
    jurisdiction: 'TX',
    windows: week({ monToFri: span('09:00', '21:00'), sat: span('09:00', '21:00'), sun: span('12:00', '21:00') }),
    source: 'Tex. Bus. & Com. Code § 301.051 (formerly § 37.02)',
    confidence: 'secondary-sources',
    notes:
      'Not before 9 a.m. or after 9 p.m. on a weekday or Saturday, not before noon or after 9 p.m. on Sunday. ' +
      '(§ 305.053 is the private action for TCPA violations, not the hours rule.) Section number from the 2009 ' +
      'recodification of former Chapter 37; wording not re-checked against the current official text.',
  },
  UT: {
    jurisdiction: 'UT',
    windows: week({ monToFri: span('08:00', '21:00'), sat: span('08:00', '21:00'), sun: null }),
    source: 'Utah Code § 13-25a-103(3)',
    confidence: 'statute-text',
    notes:
      'Without prior express consent: not between 9 p.m. and 8 a.m., not on Sunday, not on a legal holiday ' +
      '(holidays not modelled).',
  },
  WA: {
    jurisdiction: 'WA',
    windows: everyDay(span('08:00', '20:00')),
    source: 'RCW 19.158.040(2)',
    confidence: 'statute-text',
    notes: '"before 8:00 a.m. or after 8:00 p.m. at the call recipient\'s local time" (commercial telephone solicitors).',
  },
};

/** The windows that apply to one recipient, with the rules they come from. */
export interface EffectiveQuietHours {
  /** `'US'`, or `'US+FL'` when a state rule applies on top of the federal one. */
  readonly jurisdiction: string;
  /** Per weekday: the intersection of the federal and the state window. */
  readonly windows: WeeklyWindows;
  /** Citations joined with `'; '`, state first. */
  readonly source: string;
}

const ISO_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

function intersect(a: DailyWindow | null, b: DailyWindow | null): DailyWindow | null {
  if (!a || !b) return null;
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}

const FEDERAL_ONLY: EffectiveQuietHours = {
  jurisdiction: 'US',
  windows: FEDERAL_QUIET_HOURS.windows,
  source: FEDERAL_QUIET_HOURS.source,
};

const EFFECTIVE_BY_STATE: ReadonlyMap<string, EffectiveQuietHours> = new Map(
  Object.entries(STATE_QUIET_HOURS).map(([state, rule]) => {
    const windows = Object.fromEntries(
      ISO_WEEKDAYS.map((day) => [day, intersect(FEDERAL_QUIET_HOURS.windows[day], rule.windows[day])]),
    ) as unknown as WeeklyWindows;
    return [state, { jurisdiction: `US+${state}`, windows, source: `${rule.source}; ${FEDERAL_QUIET_HOURS.source}` }];
  }),
);

/**
 * The windows for a recipient in `state` (USPS code, any case; `null` or a state without a stricter rule gets the
 * federal windows). Computed once per state at module load.
 */
export function effectiveQuietHours(state: string | null): EffectiveQuietHours {
  if (!state) return FEDERAL_ONLY;
  return EFFECTIVE_BY_STATE.get(state.toUpperCase()) ?? FEDERAL_ONLY;
}

const DAY_NAMES: Readonly<Record<IsoWeekday, string>> = {
  1: 'Mon',
  2: 'Tue',
  3: 'Wed',
  4: 'Thu',
  5: 'Fri',
  6: 'Sat',
  7: 'Sun',
};

/** `'08:00'` for 480. */
export function formatMinuteOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * A short human description of a week, consecutive days with the same window grouped:
 * `'Mon–Sat 09:00–21:00, Sun 12:00–21:00'`, `'Mon–Sun 08:00–20:00'`, `'Mon–Sat 08:00–20:00, Sun none'`.
 */
export function formatWeeklyWindows(windows: WeeklyWindows): string {
  const label = (w: DailyWindow | null) => (w ? `${formatMinuteOfDay(w.start)}–${formatMinuteOfDay(w.end)}` : 'none');
  const parts: string[] = [];
  let runStart: IsoWeekday = 1;
  for (const day of ISO_WEEKDAYS) {
    const next = (day + 1) as IsoWeekday;
    if (day === 7 || label(windows[next]) !== label(windows[day])) {
      const days = runStart === day ? DAY_NAMES[day] : `${DAY_NAMES[runStart]}–${DAY_NAMES[day]}`;
      parts.push(`${days} ${label(windows[day])}`);
      runStart = next;
    }
  }
  return parts.join(', ');
}
