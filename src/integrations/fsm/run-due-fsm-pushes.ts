/**
 * The push worker: claims due pushes (`status = 'pending'` and `next_attempt_at <= now`) with
 * `FOR UPDATE SKIP LOCKED`, so any number of worker processes share the work and each push goes to
 * one; loads what the vendor needs; calls the provider's adapter; stores the outcome.
 *
 * Claiming moves `next_attempt_at` a lease ahead (5 min) in the claiming transaction, which commits
 * before any vendor call: no transaction stays open across the network (PGlite has one connection),
 * and a process that dies mid-push leaves the row due again when the lease ends (at-least-once; a
 * vendor that created the record but whose answer was lost may then get it twice — ServiceTitan can
 * tell by `externalId`, Jobber by the progress kept on the push).
 *
 * Retries: transient failures (network, 408, 429 honouring `Retry-After`, 5xx) back off exponentially
 * up to `MAX_PUSH_ATTEMPTS`; anything else fails at once with the vendor's message. `failed` pushes
 * wait for a person's Retry (`retryFsmPush`). Nothing here touches the lead or its booking.
 */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import { findOrganizationById } from '../../app/organizations.ts';
import type { LeadState } from '../../core/lead/lead-state.ts';
import type { CredentialCipher } from '../../crypto/credentials.ts';
import type { Database } from '../../db/client.ts';
import { bookings, contacts, fsmPushes, leads } from '../../db/schema.ts';
import type { FsmProvider } from './fsm-config.ts';
import { loadFsmConnection, saveFsmCredentials, type LoadedFsmConnection } from './fsm-connection.ts';
import { pushToHousecallPro } from './housecall-pro.ts';
import { pushToJobber } from './jobber.ts';
import type { FsmPushInput } from './push-input.ts';
import { clip, nextAttemptAt, type PushOutcome } from './push-outcome.ts';
import { pushToServiceTitan } from './servicetitan.ts';

/** What the worker needs: the database, the credentials cipher, a logger, and `fetch` (tests may replace it). */
export interface FsmPushDeps {
  database: Database;
  cipher: CredentialCipher;
  logger?: Logger;
  fetch?: typeof fetch;
}

/** How long a claimed push is reserved for the claiming process (ms) before another may take it. */
const LEASE_MS = 5 * 60 * 1000;
/** Pushes claimed per run. */
const BATCH_SIZE = 10;

/** Names people read on the lead page and in errors. */
export const PROVIDER_NAMES: Record<FsmProvider, string> = { servicetitan: 'ServiceTitan', housecall_pro: 'Housecall Pro', jobber: 'Jobber' };

type PushRow = typeof fsmPushes.$inferSelect;

const runs = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs every push due at `now` (an instant of the caller's clock), batch after batch, and resolves
 * with how many attempts were made. Runs in one process are serialised: a call waits for the run
 * already under way (the background worker's), so after it resolves every push due at `now` has been
 * attempted.
 */
export function runDueFsmPushes(deps: FsmPushDeps, now: Date): Promise<number> {
  const previous = runs.get(deps.database) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runAll(deps, now));
  runs.set(deps.database, run);
  return run;
}

async function runAll(deps: FsmPushDeps, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const claimed = await claimDue(deps.database, now);
    if (claimed.length === 0) return total;
    // One at a time: pushes are rare, and a vendor's rate limit is per account.
    for (const push of claimed) {
      await runOne(deps, push, now).catch((err) => deps.logger?.error({ err, pushId: push.id }, 'field-service push failed unexpectedly; it runs again after its lease'));
    }
    total += claimed.length;
  }
}

async function claimDue(database: Database, now: Date): Promise<PushRow[]> {
  return database.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(fsmPushes)
      .where(and(eq(fsmPushes.status, 'pending'), lte(fsmPushes.nextAttemptAt, now)))
      .orderBy(asc(fsmPushes.nextAttemptAt))
      .limit(BATCH_SIZE)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    await tx.update(fsmPushes).set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) }).where(inArray(fsmPushes.id, due.map((p) => p.id)));
    return due;
  });
}

/** The vendor-neutral facts of `push`, or a reason it cannot be sent. */
async function loadInput(database: Database, push: PushRow): Promise<FsmPushInput | { refused: string }> {
  const db = database.db;
  const [row] = await db
    .select({ lead: leads, contact: contacts })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(leads.organizationId, push.organizationId), eq(leads.id, push.leadId)));
  const org = await findOrganizationById(db, push.organizationId);
  if (!row || !org) return { refused: 'The lead no longer exists.' };
  let booking: FsmPushInput['booking'] = null;
  if (push.bookingId) {
    const [b] = await db.select().from(bookings).where(and(eq(bookings.organizationId, push.organizationId), eq(bookings.id, push.bookingId)));
    if (!b) return { refused: 'The booking no longer exists.' };
    if (b.status === 'canceled') return { refused: 'The booking was canceled before it reached the field-service system; nothing was sent.' };
    booking = { id: b.id, start: b.startAt.toISOString(), end: b.endAt.toISOString(), jobType: b.jobType, customerName: b.customerName, address: b.address, zip: b.zip, problem: b.problem, notes: b.notes };
  }
  const state = row.lead.state as Exclude<LeadState, { status: 'none' }>;
  return {
    pushId: push.id,
    leadId: push.leadId,
    businessName: org.policy.businessName,
    timeZone: org.timeZone,
    contact: { phoneE164: row.contact.phoneE164, name: row.contact.name, email: row.contact.email, zip: row.contact.zip },
    booking,
    source: { numberE164: state.source.numberE164, leadSource: state.source.leadSource },
    intent: row.lead.intent,
    safety: state.safety ?? false,
  };
}

function attempt(deps: FsmPushDeps, connection: LoadedFsmConnection, input: FsmPushInput, push: PushRow, now: Date): Promise<PushOutcome> {
  const common = {
    input,
    connectionId: connection.id,
    progress: push.status === 'pending' && push.externalId ? push.externalId : null,
    now,
    fetch: deps.fetch ?? fetch,
    saveCredentials: (credentials: object) => saveFsmCredentials(deps.database.db, deps.cipher, connection.id, credentials, now),
  };
  const s = connection.settings;
  switch (s.provider) {
    case 'servicetitan':
      return pushToServiceTitan({ ...common, config: s.config, credentials: s.credentials });
    case 'housecall_pro':
      return pushToHousecallPro({ ...common, config: s.config, credentials: s.credentials });
    case 'jobber':
      return pushToJobber({ ...common, config: s.config, credentials: s.credentials });
    default: {
      const never: never = s;
      throw new Error(`unknown provider ${JSON.stringify(never)}`);
    }
  }
}

async function runOne(deps: FsmPushDeps, push: PushRow, now: Date): Promise<void> {
  const connection = await loadFsmConnection(deps.database.db, deps.cipher, push.organizationId);
  let outcome: PushOutcome;
  let provider = push.provider;
  if (!connection || !connection.enabled) {
    outcome = { kind: 'permanent', error: connection ? 'The field-service connection is turned off: turn it on in Settings › Field service, then retry.' : 'No field-service connection is set up: add one in Settings › Field service, then retry.' };
  } else {
    provider = connection.settings.provider;
    const input = await loadInput(deps.database, push);
    outcome = 'refused' in input ? { kind: 'permanent', error: input.refused } : await attempt(deps, connection, input, push, now);
  }
  await storeOutcome(deps.database, push, provider, outcome, now);
  const log = { pushId: push.id, leadId: push.leadId, provider, attempt: push.attempts + 1 };
  if (outcome.kind === 'succeeded') deps.logger?.info({ ...log, externalId: outcome.externalId }, 'field-service push succeeded');
  else deps.logger?.warn({ ...log, kind: outcome.kind, error: outcome.error }, 'field-service push attempt failed');
}

async function storeOutcome(database: Database, push: PushRow, provider: string, outcome: PushOutcome, now: Date): Promise<void> {
  const attempts = push.attempts + 1;
  let set: Partial<typeof fsmPushes.$inferInsert>;
  if (outcome.kind === 'succeeded') {
    set = { status: 'succeeded', externalId: outcome.externalId, lastError: null, nextAttemptAt: null };
  } else {
    const retryAt = outcome.kind === 'transient' ? nextAttemptAt(attempts, now, outcome.retryAfterMs) : null;
    const error = outcome.kind === 'transient' && !retryAt ? clip(`${outcome.error} (gave up after ${attempts} attempts)`) : outcome.error;
    set = { status: retryAt ? 'pending' : 'failed', lastError: error, nextAttemptAt: retryAt, externalId: outcome.progress ?? push.externalId };
  }
  await database.db
    .update(fsmPushes)
    .set({ ...set, provider, attempts, updatedAt: now })
    .where(and(eq(fsmPushes.id, push.id), eq(fsmPushes.status, 'pending')));
}
