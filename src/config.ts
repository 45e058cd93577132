import { z } from 'zod';

/**
 * Ringback's process configuration, read from the environment once at boot (`main.ts`), validated,
 * frozen and passed down. The core never reads env. The variables are the contract of DESIGN.md §6.
 */
export const configSchema = z.object({
  /** PostgreSQL server URL; when unset Ringback runs on embedded PostgreSQL (PGlite) in `DATA_DIR`. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Where the embedded database, its lock file and the generated secret live. */
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The base URL Twilio signs webhooks against, e.g. `https://ringback.example.com` (no trailing slash). */
  PUBLIC_URL: z.url().optional(),
  /** Replaces the scheme and host of every Twilio REST API call (messages, calls, lookups). */
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Encrypts provider credentials at rest (AES-256-GCM). At least 16 characters. */
  RINGBACK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Which roles this process runs: `all` (web + worker, the default), `web` (webhooks and API only;
   * effects wait for a worker) or `worker` (effects and timers only).
   */
  RINGBACK_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** Seed the demo organization on an empty database (`true` by default for `npm start`). */
  RINGBACK_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Full URL of an OpenAI-compatible chat-completions endpoint (`.../v1/chat/completions`) asked for a second
   * opinion on low-confidence triage. Unset: triage is local only. Stop and safety rule decisions never go to it.
   */
  TRIAGE_LLM_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Model name sent to `TRIAGE_LLM_URL`. */
  TRIAGE_LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /**
   * SMTP server for invitations and password resets, e.g. `smtp://user:pass@smtp.example.com:587`
   * (nodemailer URL). Unset: emails are only recorded and shown on the demo mailbox page (`/demo/mailbox`).
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The `From` of Ringback's emails. */
  MAIL_FROM: z.string().min(3).default('Ringback <no-reply@ringback.local>'),
  /** Sent as `Authorization: Bearer ...` to `TRIAGE_LLM_URL` when set. */
  TRIAGE_LLM_API_KEY: z.string().min(1).optional(),
  /** Timeout of one LLM request in milliseconds; on timeout the local result is used. */
  TRIAGE_LLM_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(3000),
  /** The LLM is asked only when the local classifier's confidence is below this (0..1). */
  TRIAGE_LLM_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
});

export type Config = Readonly<Omit<z.infer<typeof configSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string }>;

/** Thrown by `loadConfig` with every invalid variable listed, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` (usually `process.env`) into a frozen `Config`. Empty strings count as unset.
 * `PUBLIC_URL` defaults to `http://localhost:PORT`. Throws `ConfigError` listing every problem at once.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
  return Object.freeze({ ...c, PUBLIC_URL: publicUrl });
}

/**
 * The `createTriage` options (src/triage/triage-message.ts) from `config`: `{ llm }` when `TRIAGE_LLM_URL` is set,
 * else `{}` (local classifier only).
 */
export function triageOptionsFromConfig(config: Config): {
  llm?: { url: string; model: string; apiKey?: string; timeoutMs: number; minConfidence: number };
} {
  if (!config.TRIAGE_LLM_URL) return {};
  return {
    llm: {
      url: config.TRIAGE_LLM_URL,
      model: config.TRIAGE_LLM_MODEL,
      ...(config.TRIAGE_LLM_API_KEY ? { apiKey: config.TRIAGE_LLM_API_KEY } : {}),
      timeoutMs: config.TRIAGE_LLM_TIMEOUT_MS,
      minConfidence: config.TRIAGE_LLM_MIN_CONFIDENCE,
    },
  };
}
