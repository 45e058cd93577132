/**
 * Sign-in for people (issue 5) with better-auth: email + password (scrypt hashes), database sessions
 * in httpOnly SameSite=Lax cookies (Secure when `PUBLIC_URL` is https), a sign-in rate limit, and
 * password reset by email. Sign-up is closed: people join by invitation or `ringback user create`.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Db } from '../db/client.ts';
import * as schema from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';

/** Password rules (NIST SP 800-63B: length over composition rules). */
export const MIN_PASSWORD_LENGTH = 10;

export interface AuthOptions {
  db: Db;
  /** `PUBLIC_URL`: the base of links in emails and the origin trusted for sign-in. */
  publicUrl: string;
  /** At least 32 characters of secret (derived from `RINGBACK_SECRET`). */
  secret: string;
  mailer: Mailer;
  /** Sign-in attempts allowed per client address per minute (default 10). */
  signInPerMinute?: number;
}

/**
 * better-auth's rate-limit store, one per instance (its built-in memory store is shared by every
 * instance in the process). Fixed windows per key; single-process: several web processes each count
 * on their own (a shared store would go in PostgreSQL or Redis).
 */
function memoryRateLimitStore() {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      const now = Date.now();
      const w = windows.get(key);
      if (!w || now - w.start >= rule.window * 1000) {
        windows.set(key, { start: now, count: 1 });
        if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= rule.window * 1000) windows.delete(k);
        return { allowed: true, retryAfter: null };
      }
      if (w.count >= rule.max) return { allowed: false, retryAfter: Math.ceil((w.start + rule.window * 1000 - now) / 1000) };
      w.count += 1;
      return { allowed: true, retryAfter: null };
    },
  };
}

export function createAuth(opts: AuthOptions) {
  return betterAuth({
    appName: 'Ringback',
    baseURL: opts.publicUrl,
    basePath: '/api/auth',
    secret: opts.secret,
    database: drizzleAdapter(opts.db, {
      provider: 'pg',
      usePlural: true,
      schema: { users: schema.users, sessions: schema.sessions, accounts: schema.accounts, verifications: schema.verifications },
    }),
    telemetry: { enabled: false },
    // The app is served from PUBLIC_URL; a request's own origin is trusted too (same-origin), so a
    // local run behind another address (tests, a LAN IP) can sign in. Cross-site origins are refused.
    trustedOrigins: (request) => {
      const origins = [new URL(opts.publicUrl).origin];
      const host = request?.headers.get('host');
      if (host) origins.push(`http://${host}`, `https://${host}`);
      return origins;
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        await opts.mailer.send({
          to: user.email,
          subject: 'Reset your Ringback password',
          text: `Hi ${user.name},\n\nSomeone (hopefully you) asked to reset your Ringback password. Open this link within an hour to choose a new one:\n\n${url}\n\nIf it wasn't you, ignore this email: your password stays as it is.\n`,
          purpose: 'password_reset',
        });
      },
    },
    user: { additionalFields: { phoneE164: { type: 'string', required: false, input: false } } },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customStorage: memoryRateLimitStore(),
      customRules: {
        '/sign-in/email': { window: 60, max: opts.signInPerMinute ?? 10 },
        '/request-password-reset': { window: 60, max: 5 },
      },
    },
    advanced: {
      useSecureCookies: opts.publicUrl.startsWith('https:'),
      // better-auth skips the Origin check under a test runner unless told; keep it on everywhere.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      cookiePrefix: 'ringback',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Creates a person with a password (CLI `user create`, accepted invitations), bypassing closed sign-up.
 * Email is lower-cased. Throws `Error` when the password is shorter than `MIN_PASSWORD_LENGTH`.
 * Returns the existing user (password unchanged) when the email is already registered.
 */
export async function createUserWithPassword(auth: Auth, input: { email: string; name: string; password: string }): Promise<{ id: string; created: boolean }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
  const c = await auth.$context;
  const email = input.email.trim().toLowerCase();
  const existing = await c.internalAdapter.findUserByEmail(email);
  if (existing) return { id: existing.user.id, created: false };
  const user = await c.internalAdapter.createUser({ email, name: input.name, emailVerified: true }, { method: 'admin' });
  await c.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: await c.password.hash(input.password) });
  return { id: user.id, created: true };
}
