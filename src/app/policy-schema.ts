/**
 * Validation of an organization's policy (routing, on-call rotation, service area, FAQ, templates)
 * when a person changes it. zod; every problem is reported with its path.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ROUTE_NAMES, type OrganizationPolicy, type RouteName } from '../core/lead/policy.ts';
import { normalizeE164 } from '../core/phone/normalize-e164.ts';
import { INTENTS } from '../core/triage/intents.ts';
import { AppError } from '../errors.ts';

const e164 = z.string().transform((v, c) => {
  const n = normalizeE164(v);
  if (!n) {
    c.addIssue({ code: 'custom', message: `"${v}" is not a valid phone number` });
    return z.NEVER;
  }
  return n;
});
const person = z.object({ name: z.string().min(1).max(80), phoneE164: e164 });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');
const zone = z.string().refine((v) => IANAZone.isValidZone(v), 'must be an IANA time zone, e.g. America/Chicago');
const template = z.string().min(1).max(640);

const interval = z.object({ open: hhmm, close: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM (24 h) or 24:00') });
const weekday = z.array(interval).max(4);
const timing = z.union([
  z.enum(['any_time_gate_allows', 'business_hours_only']),
  z.object({ nextBusinessDayAt: hhmm }).strict(),
  z.object({ firstBusinessDayAt: hhmm }).strict(),
]);
const cadence = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(80),
  steps: z
    .array(z.object({ id: z.string().min(1).max(40), delayMinutes: z.number().int().min(0).max(60 * 24 * 90), channel: z.enum(['sms', 'call_task']), template: template, timing }).strict())
    .min(1)
    .max(20),
  onComplete: z.union([z.object({ close: z.literal('no_response') }).strict(), z.object({ moveTo: z.string().min(1) }).strict(), z.object({ leaveOpen: z.literal(true) }).strict()]),
});

/**
 * The availability policy's shape; its cross-field rules (windows inside a day, unique pool names…) are
 * `validateAvailabilityPolicy`'s, checked by the settings service with the organization's zone.
 */
const availabilitySchema = z
  .object({
    windows: z.object({ 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: weekday, 7: weekday }),
    capacity: z.number().int().min(0).max(500),
    capacityPools: z.array(z.object({ name: z.string().min(1).max(80), jobTypes: z.array(z.string().min(1).max(80)).max(100), capacity: z.number().int().min(0).max(500) }).strict()).max(50),
    leadTimeMinutes: z.number().int().min(0).max(14 * 24 * 60),
    horizonDays: z.number().int().min(1).max(366),
    blackoutDates: z.array(z.iso.date()).max(366),
    holidays: z.object({ country: z.literal('US'), state: z.string().length(2).optional() }).nullable(),
    holdMinutes: z.number().int().min(1).max(60),
  })
  .strict();

/** The fields a person may change, each optional (a patch). */
export const policyPatchSchema = z
  .object({
    businessName: z.string().min(1).max(80),
    contactNumberE164: e164,
    automatedMessagesPer24h: z.number().int().min(0).max(3, 'cannot be raised above 3 (FL, OK and MD cap 3 per 24 h)'),
    callbackDueMinutes: z.number().int().min(0).max(24 * 60),
    quietHoursReplyMinutes: z.number().int().min(0).max(60),
    routing: z.partialRecord(z.enum(INTENTS), z.enum(ROUTE_NAMES as [RouteName, ...RouteName[]])),
    onCall: z.object({
      timeZone: zone,
      ackTimeoutMinutes: z.number().int().min(1).max(60),
      owner: person.nullable(),
      shifts: z.array(z.object({ person, weekdays: z.array(z.number().int().min(1).max(7)).min(1), start: hhmm, end: hhmm })).max(50),
    }),
    serviceAreaZips: z.array(z.string().regex(/^\d{5}$/, 'must be a 5-digit ZIP')).max(5000),
    faq: z.array(z.object({ keywords: z.array(z.string().min(1)).min(1), answer: z.string().min(1).max(480), answerEs: z.string().min(1).max(480).optional() })).max(200),
    bookingLink: z.url().nullable(),
    voiceTriage: z.boolean(),
    calendar: z.object({
      timeZone: zone,
      hours: z.object({ 1: weekday, 2: weekday, 3: weekday, 4: weekday, 5: weekday, 6: weekday, 7: weekday }),
      holidays: z.object({ country: z.literal('US'), state: z.string().length(2).optional() }).nullable(),
      blackoutDates: z.array(z.iso.date()).max(366),
    }),
    cadences: z.record(z.string().min(1).max(40), cadence),
    doNotAutomateNumbers: z.array(e164).max(10_000),
    overdueNotifyMinutes: z.array(z.number().int().min(0).max(7 * 24 * 60)).min(1).max(3),
    templates: z.record(z.string(), template),
    templatesEs: z.record(z.string(), template),
    availability: availabilitySchema,
    bookingReminders: z.object({ eveningBefore: hhmm.nullable(), morningOf: hhmm.nullable() }).strict(),
  })
  .partial()
  .strict();

export type PolicyPatch = z.infer<typeof policyPatchSchema>;

/** Applies a validated patch: nested `routing`, `templates` and `templatesEs` merge key by key. */
export function applyPolicyPatch(policy: OrganizationPolicy, patch: PolicyPatch): OrganizationPolicy {
  return {
    ...policy,
    ...patch,
    routing: { ...policy.routing, ...patch.routing },
    templates: { ...policy.templates, ...patch.templates },
    templatesEs: { ...policy.templatesEs, ...patch.templatesEs },
  } as OrganizationPolicy;
}

/** One field problem of a 400 answer: a dotted path into the request body ('' for the body itself) and its reason. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * zod issues as field problems. An unknown key gets its own path ("timeZone: is not a setting here")
 * rather than one message on the whole body, so a form can show it next to the field.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], unknownKeyMessage = (key: string) => `"${key}" is not a field here`): FieldError[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [...i.path, key].join('.'), message: unknownKeyMessage(key) }))
      : [{ path: i.path.join('.'), message: i.message }],
  );
}

/**
 * A problem string from a validator that reports `path: message` (e.g. `validateBusinessCalendar`'s
 * `hours.1[0].open: "7" is not HH:MM`) as a field problem under `prefix`; `[n]` becomes `.n`.
 */
export function fieldErrorFromProblem(prefix: string, problem: string): FieldError {
  const at = problem.indexOf(': ');
  const rawPath = at < 0 ? '' : problem.slice(0, at).replace(/\[(\d+)\]/g, '.$1');
  const path = [prefix, rawPath].filter(Boolean).join('.');
  return { path, message: at < 0 ? problem : problem.slice(at + 2) };
}

/**
 * The `AppError(RB_ERR_VALIDATION)` for field problems: `errors: [{path, message}]` (what forms read)
 * and `problems: ["path: message"]` (what the CLI prints), `detail` joining them.
 */
export function validationFailed(errors: readonly FieldError[]): AppError {
  const problems = errors.map((e) => `${e.path || '(body)'}: ${e.message}`);
  return new AppError('RB_ERR_VALIDATION', problems.join('; '), { problems, errors });
}
