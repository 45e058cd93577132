/**
 * Assembles a running Ringback from a `Config`: database (migrated), effect queue, providers, HTTP
 * app, demo seed. `main.ts` calls it with the real clock; tests call it with their own.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { createAuth } from './auth/auth.ts';
import { createMailer } from './mail/mailer.ts';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { recordLeadInput, type RecordLeadInputDeps } from './app/record-lead-input.ts';
import { findOrganizationById, type OrganizationRow } from './app/organizations.ts';
import { triageOptionsFromConfig, type Config } from './config.ts';
import { createTriage } from './triage/triage-message.ts';
import { createCredentialCipher, type CredentialCipher } from './crypto/credentials.ts';
import { openDatabase, type Database, type OpenDatabaseOptions } from './db/client.ts';
import { seedDemo } from './app/seed-demo.ts';
import { startEffectQueue, type EffectQueue } from './jobs/effect-queue.ts';
import { runEffect, type RunEffectDeps } from './jobs/run-effect.ts';
import { sweepOverdueTasks } from './jobs/sweep-overdue-tasks.ts';
import { startWebhookWorker } from './integrations/webhooks/webhook-worker.ts';
import { startFsmWorker } from './integrations/fsm/fsm-worker.ts';
import { buildApp } from './http/app.ts';
import type { AppContext } from './http/context.ts';
import { createSimulatorProvider } from './telephony/simulator/simulator-provider.ts';
import { createTwilioProvider } from './telephony/twilio/twilio-provider.ts';
import type { TelephonyProvider } from './telephony/provider.ts';
import { and, eq } from 'drizzle-orm';
import { messages } from './db/schema.ts';

/** How often a worker looks for overdue tasks (ms). */
const OVERDUE_SWEEP_MS = 60_000;

export interface Ringback {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  queue: EffectQueue;
  /** What effect handlers run with (tests run a timer or an effect by hand with it). */
  effectDeps: RunEffectDeps;
  /** The demo organization, when this start seeded it. */
  demo: { id: string; apiKey: string; numberE164: string } | null;
  close(): Promise<void>;
}

/**
 * Pino logger that redacts phone numbers (callers' and businesses') and secrets wherever they appear
 * in the usual fields; request bodies are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', '*.From', '*.To', '*.from', '*.to', '*.phone', '*.phoneE164', 'From', 'To', 'from', 'to', 'phone', 'phoneE164', '*.authToken', 'authToken'],
      censor: '[redacted]',
    },
  }, pino.destination(2));
}

/**
 * The secret that encrypts credentials: `RINGBACK_SECRET`, or (embedded setups) one generated once
 * into `DATA_DIR/secret` so a demo needs no setup. Production should set `RINGBACK_SECRET`.
 */
export function resolveSecret(config: Config, logger: Logger): string {
  if (config.RINGBACK_SECRET) return config.RINGBACK_SECRET;
  const file = join(config.DATA_DIR, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  logger.warn({ file }, 'RINGBACK_SECRET is not set: generated one into DATA_DIR; set RINGBACK_SECRET in production');
  return secret;
}

/**
 * better-auth's secret, derived from the credentials secret (`resolveSecret`), so session signing and
 * credential encryption never share a key. The CLI derives the same one.
 */
export function deriveAuthSecret(secret: string): string {
  return createHash('sha256').update(`ringback:better-auth:${secret}`).digest('base64url');
}

export interface StartOptions {
  clock?: () => Date;
  logger?: Logger;
  /** Overrides where the database lives (tests: an in-memory PGlite loaded from a template). */
  database?: OpenDatabaseOptions;
  /** Seed the demo organization when the database is empty (default: `config.RINGBACK_DEMO`). */
  seedDemo?: boolean;
}

export async function startRingback(config: Config, opts: StartOptions = {}): Promise<Ringback> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? (() => new Date());
  const secret = resolveSecret(config, logger);
  const cipher: CredentialCipher = createCredentialCipher(secret);
  const database = await openDatabase(opts.database ?? (config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR }));
  const worker = config.RINGBACK_ROLE !== 'web';
  let queue: EffectQueue | undefined;
  const recordDeps: RecordLeadInputDeps = { database, dispatch: (ids) => queue!.dispatch(ids), publicUrl: config.PUBLIC_URL };

  const twilioProvider = createTwilioProvider({ apiBaseUrl: config.TWILIO_API_BASE_URL, logger });
  const simulator: TelephonyProvider = createSimulatorProvider({
    onStatus: async ({ messageSid, status }) => {
      const [m] = await database.db.select({ leadId: messages.leadId, organizationId: messages.organizationId }).from(messages).where(and(eq(messages.providerSid, messageSid)));
      if (!m) return;
      const org = await findOrganizationById(database.db, m.organizationId);
      if (!org) return;
      await recordLeadInput(recordDeps, org, { by: 'lead', leadId: m.leadId }, { type: 'message_status_reported', messageSid, status, errorCode: null }, { now: clock() });
    },
  });
  const providerFor = (org: OrganizationRow): TelephonyProvider => (org.provider === 'twilio' ? twilioProvider : simulator);

  const effectDeps: RunEffectDeps = {
    ...recordDeps,
    cipher,
    providerFor,
    publicUrl: config.PUBLIC_URL,
    clock,
    logger,
    scheduleTimer: ({ organizationId, leadId, effect }) =>
      // pg-boss waits in real time: keep the delay `decide` asked for, measured on our clock.
      queue!.scheduleTimer({ organizationId, leadId, timerId: effect.timerId, timer: effect.timer }, new Date(Date.now() + Date.parse(effect.fireAt) - clock().getTime())),
  };
  queue = await startEffectQueue({
    database,
    worker,
    logger,
    run: (effectId, o) => runEffect(effectDeps, effectId, o),
    onTimer: async (job) => {
      const org = await findOrganizationById(database.db, job.organizationId);
      if (!org) return;
      await recordLeadInput(recordDeps, org, { by: 'lead', leadId: job.leadId }, { type: 'timer_fired', timerId: job.timerId, timer: job.timer }, { now: clock() });
    },
  });
  const triageOptions = triageOptionsFromConfig(config);
  const triage = 'llm' in triageOptions ? createTriage({ ...triageOptions, logger }) : null;
  // Overdue next actions: notify owner, backup, manager (issue 4). One sweep a minute on workers.
  let overdueTimer: NodeJS.Timeout | undefined;
  if (worker) {
    overdueTimer = setInterval(() => void sweepOverdueTasks(recordDeps, clock()).catch((err) => logger.error({ err }, 'overdue sweep failed')), OVERDUE_SWEEP_MS);
    overdueTimer.unref();
  }
  // Outbound webhooks (issue 6): due deliveries go out about once a second, on workers only.
  const webhookWorker = worker ? startWebhookWorker({ database, cipher, logger }, clock) : null;
  // Field-service pushes (issue 6): due pushes go out every few seconds, on workers only.
  const fsmWorker = worker ? startFsmWorker({ database, cipher, logger }, clock) : null;
  const mailer = createMailer({ db: database.db, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger, clock });
  const auth = createAuth({ db: database.db, publicUrl: config.PUBLIC_URL, secret: deriveAuthSecret(secret), mailer });
  const ctx: AppContext = { config, database, queue, cipher, clock, logger, recordDeps, triage, auth, mailer };
  const app = await buildApp(ctx);
  const demo = (opts.seedDemo ?? config.RINGBACK_DEMO) ? await seedDemo(database.db, cipher, auth) : null;
  return {
    app,
    ctx,
    effectDeps,
    database,
    queue,
    demo,
    async close() {
      clearInterval(overdueTimer);
      await webhookWorker?.stop();
      await fsmWorker?.stop();
      await app.close();
      await queue!.stop();
      await database.close();
    },
  };
}
