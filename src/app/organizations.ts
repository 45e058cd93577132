/** Organizations, their numbers and API keys: create, find by number, authenticate. */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { IANAZone } from 'luxon';
import { completePolicy, defaultPolicy, type OrganizationPolicy } from '../core/lead/policy.ts';
import { normalizeE164 } from '../core/phone/normalize-e164.ts';
import { generateApiKey, hashApiKey, type CredentialCipher } from '../crypto/credentials.ts';
import type { Db } from '../db/client.ts';
import { apiKeys, organizationChanges, organizations, phoneNumbers } from '../db/schema.ts';
import { applyPolicyPatch, fieldErrorFromProblem, fieldErrorsOf, policyPatchSchema, validationFailed } from './policy-schema.ts';
import { validateBusinessCalendar } from '../core/cadence/business-calendar.ts';
import { validateAvailabilityPolicy } from '../core/booking/availability-policy.ts';
import { AppError } from '../errors.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type PhoneNumberRow = typeof phoneNumbers.$inferSelect;

/** Input of `createOrganization`. Numbers may be in any format libphonenumber-js reads (US default). */
export interface CreateOrganizationInput {
  name: string;
  /** IANA time zone, e.g. `America/Chicago`. */
  timeZone: string;
  number: string;
  forwardTo: string[];
  leadSource?: string | null;
  dialTimeoutSeconds?: number;
  /** Both or neither; without them the organization uses the simulator provider. */
  twilioAccountSid?: string | null;
  twilioAuthToken?: string | null;
  messagingServiceSid?: string | null;
}

/**
 * Creates an organization with its first number and an API key. Returns the key once; only its
 * hash is stored. Throws `AppError(RB_ERR_VALIDATION)` for a bad zone, number or credential and
 * `AppError(RB_ERR_CONFLICT)` when the number already belongs to an organization.
 */
export async function createOrganization(
  db: Db,
  cipher: CredentialCipher,
  input: CreateOrganizationInput,
): Promise<{ id: string; apiKey: string; numberE164: string }> {
  const problems: string[] = [];
  if (!input.name.trim()) problems.push('name: must not be empty');
  if (!IANAZone.isValidZone(input.timeZone)) problems.push(`timezone: "${input.timeZone}" is not an IANA time zone (e.g. America/Chicago)`);
  const numberE164 = normalizeE164(input.number);
  if (!numberE164) problems.push(`number: "${input.number}" is not a valid phone number`);
  const forwardTo = input.forwardTo.map((n) => ({ raw: n, e164: normalizeE164(n) }));
  for (const f of forwardTo) if (!f.e164) problems.push(`forward-to: "${f.raw}" is not a valid phone number`);
  const sid = input.twilioAccountSid ?? null;
  const token = input.twilioAuthToken ?? null;
  if (Boolean(sid) !== Boolean(token)) problems.push('twilio: give both --twilio-account-sid and --twilio-auth-token, or neither');
  if (sid && !/^AC[0-9a-fA-F]{32}$/.test(sid)) problems.push('twilio-account-sid: must be AC followed by 32 hex digits');
  if (input.messagingServiceSid && !/^MG[0-9a-fA-F]{32}$/.test(input.messagingServiceSid)) problems.push('messaging-service-sid: must be MG followed by 32 hex digits');
  if (problems.length > 0 || !numberE164) throw new AppError('RB_ERR_VALIDATION', problems.join('; '), { problems });

  const id = randomUUID();
  const key = generateApiKey();
  // The simulator still signs its webhooks like Twilio, with a token of its own.
  const authToken = token ?? randomBytes(16).toString('hex');
  const policy: OrganizationPolicy = defaultPolicy({ businessName: input.name.trim(), timeZone: input.timeZone, contactNumberE164: numberE164 });
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: phoneNumbers.id }).from(phoneNumbers).where(eq(phoneNumbers.e164, numberE164));
    if (taken) throw new AppError('RB_ERR_CONFLICT', `${numberE164} already belongs to an organization`);
    await tx.insert(organizations).values({
      id,
      name: input.name.trim(),
      timeZone: input.timeZone,
      provider: sid ? 'twilio' : 'simulator',
      twilioAccountSid: sid ?? `AC${randomBytes(16).toString('hex')}`,
      twilioAuthTokenEnc: cipher.encrypt(authToken),
      messagingServiceSid: input.messagingServiceSid ?? null,
      policy,
    });
    await tx.insert(phoneNumbers).values({
      id: randomUUID(),
      organizationId: id,
      e164: numberE164,
      forwardTo: forwardTo.map((f) => f.e164!),
      dialTimeoutSeconds: input.dialTimeoutSeconds ?? 20,
      leadSource: input.leadSource ?? null,
    });
    await tx.insert(apiKeys).values({ id: randomUUID(), organizationId: id, keyHash: key.hash, prefix: key.prefix });
  });
  return { id, apiKey: key.key, numberE164 };
}

/** Adds a tracking number to an organization. Same validation and errors as `createOrganization`. */
export async function addPhoneNumber(
  db: Db,
  organizationId: string,
  input: { number: string; forwardTo: string[]; leadSource?: string | null; dialTimeoutSeconds?: number },
): Promise<PhoneNumberRow> {
  const e164 = normalizeE164(input.number);
  const forwardTo = input.forwardTo.map((n) => normalizeE164(n));
  if (!e164 || forwardTo.some((n) => !n)) throw new AppError('RB_ERR_VALIDATION', 'number and forward-to must be valid phone numbers');
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${organizationId}`);
  const rows = await db
    .insert(phoneNumbers)
    .values({ id: randomUUID(), organizationId, e164, forwardTo: forwardTo as string[], leadSource: input.leadSource ?? null, dialTimeoutSeconds: input.dialTimeoutSeconds ?? 20 })
    .onConflictDoNothing()
    .returning();
  if (!rows[0]) throw new AppError('RB_ERR_CONFLICT', `${e164} already belongs to an organization`);
  return rows[0];
}

/**
 * How long a number → organization lookup is reused (ms). Every webhook starts with it; a change made
 * in this process clears the cache at once, one made by another process applies within this time.
 */
const NUMBER_CACHE_MS = 5_000;
type NumberCache = Map<string, { at: number; value: { org: OrganizationRow; number: PhoneNumberRow } }>;
/** One cache per database handle: two databases in one process (tests) never share entries. */
const numberCaches = new WeakMap<Db, NumberCache>();

function numberCacheOf(db: Db): NumberCache {
  let cache = numberCaches.get(db);
  if (!cache) numberCaches.set(db, (cache = new Map()));
  return cache;
}

/** Forgets cached organization lookups (after a change to an organization or its numbers). */
export function clearOrganizationCache(db: Db): void {
  numberCaches.delete(db);
}

/** The organization that owns `e164` and that number's row, or null. One query, cached briefly (the webhook hot path). */
export async function findOrganizationByNumber(db: Db, e164: string): Promise<{ org: OrganizationRow; number: PhoneNumberRow } | null> {
  const cache = numberCacheOf(db);
  const hit = cache.get(e164);
  if (hit && Date.now() - hit.at < NUMBER_CACHE_MS) return hit.value;
  const value = await lookupOrganizationByNumber(db, e164);
  if (value) cache.set(e164, { at: Date.now(), value });
  else cache.delete(e164);
  return value;
}

async function lookupOrganizationByNumber(db: Db, e164: string): Promise<{ org: OrganizationRow; number: PhoneNumberRow } | null> {
  const [row] = await db
    .select({ org: organizations, number: phoneNumbers })
    .from(phoneNumbers)
    .innerJoin(organizations, eq(organizations.id, phoneNumbers.organizationId))
    .where(eq(phoneNumbers.e164, e164));
  return row ? { org: withCompletePolicy(row.org), number: row.number } : null;
}

/** The organization by id, or null. */
export async function findOrganizationById(db: Db, id: string): Promise<OrganizationRow | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row ? withCompletePolicy(row) : null;
}

/** The row with its stored policy completed by the defaults of fields added since it was stored. */
function withCompletePolicy(row: OrganizationRow): OrganizationRow {
  return { ...row, policy: completePolicy(row.policy) };
}

/** The organization whose live API key is `key`, or null. */
export async function authenticateApiKey(db: Db, key: string): Promise<OrganizationRow | null> {
  const [row] = await db
    .select({ org: organizations })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  return row ? withCompletePolicy(row.org) : null;
}

/** All organizations with their numbers, for `org list`. */
export async function listOrganizations(db: Db): Promise<Array<{ id: string; name: string; timeZone: string; provider: string; numbers: string[] }>> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, timeZone: organizations.timeZone, provider: organizations.provider, number: phoneNumbers.e164 })
    .from(organizations)
    .leftJoin(phoneNumbers, eq(phoneNumbers.organizationId, organizations.id))
    .orderBy(organizations.createdAt);
  const byId = new Map<string, { id: string; name: string; timeZone: string; provider: string; numbers: string[] }>();
  for (const r of rows) {
    const o = byId.get(r.id) ?? { id: r.id, name: r.name, timeZone: r.timeZone, provider: r.provider, numbers: [] };
    if (r.number) o.numbers.push(r.number);
    byId.set(r.id, o);
  }
  return [...byId.values()];
}

/**
 * Changes an organization's policy with a patch (validated by `policyPatchSchema`), recording one
 * audit row per changed field with before and after. Throws `AppError(RB_ERR_VALIDATION)` listing
 * every problem, `AppError(RB_ERR_NOT_FOUND)` for an unknown organization.
 */
export async function updateOrganizationPolicy(db: Db, organizationId: string, patch: unknown, actor: string): Promise<OrganizationPolicy> {
  const parsed = policyPatchSchema.safeParse(patch);
  if (!parsed.success) throw validationFailed(fieldErrorsOf(parsed.error.issues, unknownPolicyField));
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for('update');
    if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${organizationId}`);
    const before = completePolicy(row.policy);
    const after = applyPolicyPatch(before, parsed.data);
    const errors = [
      ...validateBusinessCalendar(after.calendar).map((p) => fieldErrorFromProblem('calendar', p)),
      ...validateAvailabilityPolicy(after.availability, after.timeZone).map((p) => fieldErrorFromProblem('availability', p)),
      ...Object.entries(after.cadences).flatMap(([key, c]) =>
        'moveTo' in c.onComplete && !after.cadences[c.onComplete.moveTo] ? [{ path: `cadences.${key}.onComplete.moveTo`, message: `no cadence "${c.onComplete.moveTo}"` }] : [],
      ),
    ];
    if (errors.length > 0) throw validationFailed(errors);
    const changed = (Object.keys(parsed.data) as Array<keyof OrganizationPolicy>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return before;
    await tx.update(organizations).set({ policy: after }).where(eq(organizations.id, organizationId));
    clearOrganizationCache(db);
    await tx.insert(organizationChanges).values(changed.map((field) => ({ id: randomUUID(), organizationId, actor, field, before: before[field] as unknown, after: after[field] as unknown })));
    return after;
  });
}

/** Why an unknown top-level key of a policy patch is refused. */
function unknownPolicyField(key: string): string {
  return key === 'timeZone' ? 'the time zone is part of the profile: change it with PATCH /api/v1/settings/profile' : `"${key}" is not a policy setting`;
}
