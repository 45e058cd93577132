/**
 * The organization's field-service connection as people configure it (`GET/PUT/DELETE
 * /api/v1/settings/fsm`): provider, when to push, on/off, config, and write-only credentials
 * (AES-256-GCM with `ctx.cipher`; the answer only says which are set). Every change is audited in
 * `organization_changes` as field `fsm` (before → after, secrets never included: only the names of
 * the credentials that changed).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordChanges, parseInput } from '../../app/settings.ts';
import { fieldErrorsOf, validationFailed } from '../../app/policy-schema.ts';
import type { CredentialCipher } from '../../crypto/credentials.ts';
import type { Db } from '../../db/client.ts';
import { fsmConnections } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { credentialFields, FSM_PROVIDERS, FSM_PUSH_ON, PROVIDER_SCHEMAS, type FsmProvider, type FsmPushOn, type FsmSettings } from './fsm-config.ts';

/** `GET /api/v1/settings/fsm`. `credentials` maps each credential field to whether it is set. */
export interface FsmConnectionView {
  provider: FsmProvider;
  pushOn: FsmPushOn;
  enabled: boolean;
  config: Record<string, unknown>;
  credentials: Record<string, boolean>;
  updatedAt: string;
}

/** A stored connection, decrypted: what the push worker needs. */
export interface LoadedFsmConnection {
  id: string;
  enabled: boolean;
  settings: FsmSettings;
}

/** `PUT /api/v1/settings/fsm`: config is checked per provider afterwards; credentials may be partial. */
const putSchema = z
  .object({
    provider: z.enum(FSM_PROVIDERS),
    pushOn: z.enum(FSM_PUSH_ON).optional(),
    enabled: z.boolean().optional(),
    config: z.record(z.string(), z.unknown()).default({}),
    credentials: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

type ConnectionRow = typeof fsmConnections.$inferSelect;

function decryptCredentials(cipher: CredentialCipher, row: ConnectionRow): Record<string, unknown> {
  try {
    return JSON.parse(cipher.decrypt(row.credentialsEnc)) as Record<string, unknown>;
  } catch {
    return {}; // made with another RINGBACK_SECRET: treated as unset, so a person can enter them again
  }
}

function viewOf(row: ConnectionRow, credentials: Record<string, unknown>): FsmConnectionView {
  const set = Object.fromEntries(credentialFields(row.provider).map((f) => [f, typeof credentials[f] === 'string' && credentials[f] !== '']));
  return { provider: row.provider, pushOn: row.pushOn, enabled: row.enabled, config: row.config, credentials: set, updatedAt: row.updatedAt.toISOString() };
}

/** The organization's connection (no secrets), or null when it has none. */
export async function getFsmConnection(db: Db, cipher: CredentialCipher, organizationId: string): Promise<FsmConnectionView | null> {
  const [row] = await db.select().from(fsmConnections).where(eq(fsmConnections.organizationId, organizationId));
  return row ? viewOf(row, decryptCredentials(cipher, row)) : null;
}

/**
 * Creates or replaces the connection. `config` is validated for `provider` (unknown fields refused);
 * `credentials` fields given replace the stored ones (kept when the provider is unchanged), and the
 * result must hold every credential the provider needs. `pushOn` and `enabled` keep their stored
 * values when omitted (defaults `booked`, true). Audited as `fsm`. Throws `RB_ERR_VALIDATION` with
 * field paths (`config.tenantId`, `credentials.appKey`).
 */
export async function putFsmConnection(db: Db, cipher: CredentialCipher, organizationId: string, body: unknown, actor: string, now: Date): Promise<FsmConnectionView> {
  const input = parseInput(putSchema, body, (key) => `"${key}" is not a field here (provider, pushOn, enabled, config, credentials)`);
  const schemas = PROVIDER_SCHEMAS[input.provider];
  const config = schemas.config.safeParse(input.config);
  const problems = config.success ? [] : fieldErrorsOf(config.error.issues, (k) => `"${k}" is not a ${input.provider} setting`).map((p) => ({ ...p, path: p.path ? `config.${p.path}` : 'config' }));
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(fsmConnections).where(eq(fsmConnections.organizationId, organizationId)).for('update');
    const stored = current && current.provider === input.provider ? decryptCredentials(cipher, current) : {};
    const given = input.credentials ?? {};
    const merged = { ...stored, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== '' && v !== null && v !== undefined)) };
    const credentials = schemas.credentials.safeParse(merged);
    if (!credentials.success) {
      problems.push(
        ...fieldErrorsOf(credentials.error.issues, (k) => `"${k}" is not a ${input.provider} credential`).map((p) => ({
          path: p.path ? `credentials.${p.path}` : 'credentials',
          message: p.message.startsWith('Invalid input: expected string, received undefined') ? 'required (not set yet)' : p.message,
        })),
      );
    }
    if (problems.length > 0 || !config.success || !credentials.success) throw validationFailed(problems);
    const values = {
      provider: input.provider,
      config: config.data as Record<string, unknown>,
      credentialsEnc: cipher.encrypt(JSON.stringify(credentials.data)),
      pushOn: input.pushOn ?? current?.pushOn ?? 'booked',
      enabled: input.enabled ?? current?.enabled ?? true,
      updatedAt: now,
    };
    const [row] = current
      ? await tx.update(fsmConnections).set(values).where(eq(fsmConnections.id, current.id)).returning()
      : await tx.insert(fsmConnections).values({ id: randomUUID(), organizationId, createdAt: now, ...values }).returning();
    const before = current ? viewOf(current, stored) : null;
    const after = viewOf(row!, credentials.data);
    const changedSecrets = Object.keys(given).filter((k) => stored[k] !== (credentials.data as Record<string, unknown>)[k]);
    await recordChanges(tx, organizationId, actor, [{ field: 'fsm', before: before && auditable(before), after: { ...auditable(after), credentialsChanged: changedSecrets } }]);
    return after;
  });
}

/** Removes the connection (pending pushes then fail with a reason on their next run). Audited. Throws `RB_ERR_NOT_FOUND`. */
export async function deleteFsmConnection(db: Db, cipher: CredentialCipher, organizationId: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.delete(fsmConnections).where(eq(fsmConnections.organizationId, organizationId)).returning();
    if (!current) throw new AppError('RB_ERR_NOT_FOUND', 'This organization has no field-service connection.');
    await recordChanges(tx, organizationId, actor, [{ field: 'fsm', before: auditable(viewOf(current, decryptCredentials(cipher, current))), after: null }]);
  });
}

function auditable(view: FsmConnectionView) {
  const { updatedAt: _updatedAt, ...rest } = view;
  return rest;
}

/** The connection with decrypted, validated settings, or null (none, or stored settings no longer valid). */
export async function loadFsmConnection(db: Db, cipher: CredentialCipher, organizationId: string): Promise<LoadedFsmConnection | null> {
  const [row] = await db.select().from(fsmConnections).where(eq(fsmConnections.organizationId, organizationId));
  if (!row) return null;
  const schemas = PROVIDER_SCHEMAS[row.provider];
  const config = schemas.config.safeParse(row.config);
  const credentials = schemas.credentials.safeParse(decryptCredentials(cipher, row));
  if (!config.success || !credentials.success) return null;
  return { id: row.id, enabled: row.enabled, settings: { provider: row.provider, config: config.data, credentials: credentials.data } as FsmSettings };
}

/** Stores rotated credentials (Jobber's refreshed tokens) on connection `id`. */
export async function saveFsmCredentials(db: Db, cipher: CredentialCipher, id: string, credentials: object, now: Date): Promise<void> {
  await db.update(fsmConnections).set({ credentialsEnc: cipher.encrypt(JSON.stringify(credentials)), updatedAt: now }).where(eq(fsmConnections.id, id));
}
