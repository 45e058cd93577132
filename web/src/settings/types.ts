/**
 * Shapes of the settings and team API (see the contract, issue 5). The policy types mirror
 * `src/core/lead/policy.ts`, `src/core/cadence/business-calendar.ts`, `src/core/cadence/cadence.ts`
 * and `src/core/on-call/on-call-chain.ts`; keep them in step when the core changes. Arrays are
 * mutable here because the forms edit copies of them. Instants are ISO-8601, phones E.164.
 */
import type { Role } from '../api/types';

/** Triage intents in tie-break order (`src/core/triage/intents.ts`). */
export const INTENTS = [
  'spam',
  'emergency',
  'stop',
  'wrong_number',
  'complaint',
  'estimate_followup',
  'callback',
  'booking',
  'pricing',
  'question',
  'already_handled',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

/** What Ringback does with a message of an intent (`ROUTE_NAMES` in `src/core/lead/policy.ts`). */
export const ROUTE_NAMES = [
  'page_on_call',
  'opt_out',
  'offer_booking',
  'pricing_info',
  'callback_task',
  'owner_exception',
  'estimate_owner',
  'faq_answer',
  'close',
  'reply_task',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

/** One FAQ entry: answered when every word of one of `keywords` appears in the message. */
export interface FaqEntry {
  keywords: string[];
  answer: string;
  /** The Spanish answer; the English one is used when absent. */
  answerEs?: string;
}

/** Message templates; variables `{business}`, `{contactNumber}`, `{bookingLink}`. */
export interface MessageTemplates {
  textBack: string;
  optOutConfirmation: string;
  optInConfirmation: string;
  help: string;
  safetyGas: string;
  safetyCo: string;
  safetyElectrical: string;
  emergencyAck: string;
  bookingOffer: string;
  pricingInfo: string;
  outOfArea: string;
}
export type TemplateName = keyof MessageTemplates;

/** `HH:MM` on the 24-hour clock; an interval's `close` may be `24:00` (open until midnight). */
export type WallClockTime = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening on one day, `open` inclusive, `close` exclusive. */
export interface OpeningInterval {
  open: WallClockTime;
  close: WallClockTime;
}

/** Opening intervals per ISO weekday; an empty list means closed all day. */
export type BusinessHours = Record<IsoWeekday, OpeningInterval[]>;

/** Whose public holidays close the office: the country (US only) and optionally a state code. */
export interface PublicHolidayRegion {
  country: 'US';
  state?: string;
}

/** Office hours, public holidays (`null`: open on holidays) and blackout dates (`YYYY-MM-DD`). */
export interface BusinessCalendar {
  timeZone: string;
  hours: BusinessHours;
  holidays: PublicHolidayRegion | null;
  blackoutDates: string[];
}

/**
 * A capacity override for a business unit or job type (`src/core/booking/availability-policy.ts`):
 * bookings of `jobTypes` count only against this pool's `capacity` per window.
 */
export interface CapacityPool {
  name: string;
  jobTypes: string[];
  capacity: number;
}

/**
 * When customers (and the booking API) may book, in the organization's local time: arrival windows
 * per weekday, bookings per window (`capacity`, and per pool), the soonest start (`leadTimeMinutes`
 * from now), how many days ahead (`horizonDays`, today included), closed dates and holidays, and how
 * long a chosen slot is held while the customer confirms (`holdMinutes`).
 */
export interface AvailabilityPolicy {
  windows: BusinessHours;
  capacity: number;
  capacityPools: CapacityPool[];
  leadTimeMinutes: number;
  horizonDays: number;
  blackoutDates: string[];
  holidays: PublicHolidayRegion | null;
  holdMinutes: number;
}

/** Local times (`HH:MM`) of the reminder texts before a visit, each null when off. */
export interface BookingReminders {
  eveningBefore: WallClockTime | null;
  morningOf: WallClockTime | null;
}

/** `GET /api/v1/availability`: an arrival window that can take `remaining` more bookings (ISO instants). */
export interface Opening {
  start: string;
  end: string;
  remaining: number;
}

/** A secret calendar feed as `GET /api/v1/calendar-feeds` lists it (never its URL). */
export interface CalendarFeedSummary {
  id: string;
  scope: 'organization' | 'me';
  userId: string | null;
  createdAt: string;
}

/** `GET /api/v1/calendar-feeds`: the caller's own feed and (owner/manager) the organization's, null when none. */
export interface CalendarFeeds {
  me: CalendarFeedSummary | null;
  organization: CalendarFeedSummary | null;
  canManageOrganizationFeed: boolean;
}

/** `POST /api/v1/calendar-feeds`: the URL is shown this once. */
export interface CreatedCalendarFeed extends CalendarFeedSummary {
  url: string;
  webcalUrl: string;
}

/** When a cadence step may happen once its delay has passed. */
export type CadenceTiming =
  | 'any_time_gate_allows'
  | 'business_hours_only'
  | { nextBusinessDayAt: WallClockTime }
  | { firstBusinessDayAt: WallClockTime };

/** One follow-up step; `template` is a template name or the text itself (a task title for `call_task`). */
export interface CadenceStep {
  id: string;
  delayMinutes: number;
  channel: 'sms' | 'call_task';
  template: string;
  timing: CadenceTiming;
}

/** What happens after the last step without a reply. */
export type CadenceCompletion = { close: 'no_response' } | { moveTo: string } | { leaveOpen: true };

export interface Cadence {
  id: string;
  name: string;
  steps: CadenceStep[];
  onComplete: CadenceCompletion;
}

/** A person who can be paged. */
export interface OnCallPerson {
  name: string;
  phoneE164: string;
}

/** `person` is on call on `weekdays` (ISO) from `start` to `end` (`end` ≤ `start` runs past midnight). */
export interface OnCallShift {
  person: OnCallPerson;
  weekdays: number[];
  start: WallClockTime;
  end: WallClockTime;
}

/** Shifts are tried in order (first match primary, next backup); `owner` is paged last. */
export interface OnCallRotation {
  timeZone: string;
  shifts: OnCallShift[];
  owner: OnCallPerson | null;
  ackTimeoutMinutes: number;
}

/** An organization's rules (`src/core/lead/policy.ts`). */
export interface OrganizationPolicy {
  businessName: string;
  timeZone: string;
  contactNumberE164: string;
  automatedMessagesPer24h: number;
  callbackDueMinutes: number;
  quietHoursReplyMinutes: number;
  templates: MessageTemplates & Record<string, string>;
  templatesEs: Partial<MessageTemplates> & Record<string, string | undefined>;
  routing: Record<Intent, RouteName>;
  onCall: OnCallRotation;
  serviceAreaZips: string[];
  faq: FaqEntry[];
  bookingLink: string | null;
  voiceTriage: boolean;
  calendar: BusinessCalendar;
  overdueNotifyMinutes: number[];
  doNotAutomateNumbers: string[];
  cadences: Record<string, Cadence>;
  availability: AvailabilityPolicy;
  bookingReminders: BookingReminders;
}

/** A policy patch as `PATCH /api/v1/settings/policy` takes it (`timeZone` changes through the profile). */
export type PolicyPatch = Partial<Omit<OrganizationPolicy, 'timeZone'>>;

export interface OrganizationProfile {
  id: string;
  name: string;
  timeZone: string;
}

/** One of the organization's phone numbers: calls to `e164` ring `forwardTo` for `dialTimeoutSeconds`. */
export interface PhoneNumberSetting {
  id: string;
  e164: string;
  forwardTo: string[];
  leadSource: string | null;
  dialTimeoutSeconds: number;
}

/** `GET /api/v1/settings`. */
export interface SettingsResponse {
  organization: OrganizationProfile;
  policy: OrganizationPolicy;
  numbers: PhoneNumberSetting[];
}

/** `POST /api/v1/settings/numbers` body; `PATCH …/numbers/:id` takes any of its fields. */
export interface PhoneNumberInput {
  e164: string;
  forwardTo: string[];
  leadSource?: string | null;
  dialTimeoutSeconds?: number;
}

/** One row of `GET /api/v1/settings/audit` (newest first). */
export interface AuditEntry {
  id: string;
  actor: string;
  actorName: string | null;
  field: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** `GET /api/v1/settings/api-keys`. */
export interface ApiKeySummary {
  id: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** `POST /api/v1/settings/api-keys`: `key` is shown once and never again. */
export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
}

/** `GET /api/v1/team`. */
export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  phoneE164: string | null;
}

/** A pending invitation (`GET /api/v1/team/invitations`, `POST` answer). */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

/** `GET /api/v1/invitations/:token` (public). */
export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: string;
}
