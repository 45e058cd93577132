import type { Logger } from 'pino';
import type { Auth } from '../auth/auth.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Config } from '../config.ts';
import type { CredentialCipher } from '../crypto/credentials.ts';
import type { Database } from '../db/client.ts';
import type { EffectQueue } from '../jobs/effect-queue.ts';
import type { RecordLeadInputDeps } from '../app/record-lead-input.ts';
import type { Triage } from '../triage/triage-message.ts';

/** What the HTTP adapter needs, built once by `main.ts` (or a test) and passed to `buildApp`. */
export interface AppContext {
  config: Config;
  database: Database;
  queue: EffectQueue;
  cipher: CredentialCipher;
  /** The only clock: `() => new Date()` in production, controllable in tests. */
  clock: () => Date;
  logger: Logger;
  /** `database` + `queue.dispatch`, for `recordLeadInput`. */
  recordDeps: RecordLeadInputDeps;
  /**
   * Triage with the optional language model (`TRIAGE_LLM_URL`), or null: then `decide` classifies
   * with the local classifier itself.
   */
  triage: Triage | null;
  /** better-auth: people's sign-in, sessions, password reset (issue 5). */
  auth: Auth;
  /** Invitations and password resets (SMTP, or recorded for the demo mailbox). */
  mailer: Mailer;
}
