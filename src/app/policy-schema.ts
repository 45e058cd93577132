/**
 * Validation of an organization's policy (routing, on-call rotation, service area, FAQ, templates)
 * when a person changes it. zod; every problem is reported with its path.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ROUTE_NAMES, type OrganizationPolicy, type RouteName } from '../core/lead/policy.ts';
import { normalizeE164 } from '../core/phone/normalize-e164.ts';
import { INTENTS } from '../core/triage/intents.ts';

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
