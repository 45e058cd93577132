/**
 * `npm run cli -- <command>` and the `ringback` bin. Logs go to stderr; stdout carries only the
 * command's output. With the embedded database, a command run while the server holds `DATA_DIR`
 * exits with code 3 and says so (PGlite allows one process). `classify` and `triage eval` never open
 * the database, so they work while a server runs.
 *
 * The modules behind the database commands (and the triage classifier, ~0.5 s to load) are imported
 * lazily, so each command loads only what it uses.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig, triageOptionsFromConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { AppError } from '../errors.ts';

const USAGE = `Usage: ringback <command> [options]

Commands:
  org create --name N --timezone TZ --number +1... --forward-to +1... [--forward-to ...]
             [--lead-source S] [--twilio-account-sid AC... --twilio-auth-token T]
             [--messaging-service-sid MG...] [--json]
                              create an organization; prints its id and API key (shown once)
  org list [--json]           list organizations and their numbers
  number add --org ID --number +1... --forward-to +1... [--lead-source S] [--dial-timeout SECONDS] [--json]
                              add a tracking number to an organization
  org policy get --org ID     print the organization's policy (routing, on-call, service area, FAQ, templates) as JSON
  org policy set --org ID --file F|-
                              change the policy with a JSON patch of top-level fields (validated, audited)
  user create --org ID --email E --password P --role owner|manager|dispatcher|assistant|technician
              [--name N] [--json]
                              add a person who signs in at / with E and P (an existing account with E is
                              reused, password unchanged) to the organization with the role; prints
                              {"id","email","organizationId","role"} with --json
  user list --org ID [--json] the organization's people and roles
  review --org ID [--json]    the morning review: every open lead that needs a person, emergencies
                              first, then oldest due, with the reason
  classify [--llm]            triage JSON lines {"text":...} from stdin; one JSON line per input on stdout:
                              {"intent","safety","confidence","language","source","reasons"}; blank lines are
                              skipped; a bad line gets {"error":...} and the rest go on (exit 0). Local
                              classifier only unless --llm (uses TRIAGE_LLM_*). Never opens the database.
  triage eval [--json]        the classifier's held-out evaluation report (--json: the report object)

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data), RINGBACK_SECRET,
TRIAGE_LLM_URL / _MODEL / _API_KEY / _TIMEOUT_MS / _MIN_CONFIDENCE (classify --llm).
`;

/** Thrown for bad command-line usage; printed with the usage text, exit code 2. */
class UsageError extends Error {}

/** Thrown for a bad value of an option (unknown role, short password, unknown organization): printed alone, exit code 2. */
class InputError extends Error {}

async function withDatabase<T>(fn: (database: Database, secret: () => string) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
  const [{ openDatabase }, { resolveSecret }] = await Promise.all([import('../db/client.ts'), import('../runtime.ts')]);
  const database = await openDatabase(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL, poolSize: 2 } : { dataDir: config.DATA_DIR });
  try {
    return await fn(database, () => resolveSecret(config, logger));
  } finally {
    await database.close();
  }
}

function print(value: unknown, json: boolean, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

/** Writes one line to stdout and waits until it is handed to the OS (flushed per line, respects backpressure). */
function writeLine(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${line}\n`, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * `classify`: reads JSON lines `{"text": "..."}` from stdin and writes, in order, one JSON line per non-blank input
 * line: `{"intent","safety","confidence","language","source","reasons"}` (plus `"id"` echoed when the input has a
 * string or number `id`). A line that is not a JSON object with a string `text` gets `{"error": "...", "line": n}`
 * and processing goes on; the exit code stays 0. Blank lines produce no output. Never opens the database.
 */
async function classifyCommand(useLlm: boolean): Promise<void> {
  let options = {};
  let logger: pino.Logger | undefined;
  if (useLlm) {
    const config = loadConfig(process.env);
    options = triageOptionsFromConfig(config);
    if (!('llm' in options)) throw new ConfigError(['TRIAGE_LLM_URL: required by classify --llm (the full URL of /v1/chat/completions)']);
    logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
  }
  const { createTriage } = await import('../triage/triage-message.ts');
  const triage = createTriage({ ...options, ...(logger ? { logger } : {}) });
  const { triageJsonLine } = await import('../triage/json-lines.ts');
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    const out = await triageJsonLine(line, lineNo, triage);
    if (out !== null) await writeLine(out);
  }
}

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * `user create`: creates the person (or reuses the account with that email, password unchanged) and
 * gives them `role` in the organization (audited as `team` by `cli`). Bad role, email or password and
 * an unknown organization are `InputError`s (exit 2).
 */
async function userCreateCommand(opts: { org: string; email: string; password: string; role: string; name?: string }, json: boolean): Promise<void> {
  const [{ ROLES }, { MIN_PASSWORD_LENGTH }] = await Promise.all([import('../core/access/roles.ts'), import('../auth/auth.ts')]);
  const role = ROLES.find((r) => r === opts.role);
  if (!role) throw new InputError(`--role: "${opts.role}" is not a role; use one of ${ROLES.join(', ')}`);
  const email = opts.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new InputError(`--email: "${opts.email}" is not an email address`);
  if (opts.password.length < MIN_PASSWORD_LENGTH) throw new InputError(`--password: must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const name = opts.name?.trim() || email.split('@')[0]!;
  const config = loadConfig(process.env);
  const [{ findOrganizationById }, { createAuth, createUserWithPassword }, { createMailer }, { putMember }, { deriveAuthSecret }] = await Promise.all([
    import('../app/organizations.ts'),
    import('../auth/auth.ts'),
    import('../mail/mailer.ts'),
    import('../app/team.ts'),
    import('../runtime.ts'),
  ]);
  const result = await withDatabase(async (database, secret) => {
    const db = database.db;
    if (!isUuid(opts.org) || !(await findOrganizationById(db, opts.org))) throw new InputError(`--org: no organization ${opts.org} (see: ringback org list)`);
    const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
    const mailer = createMailer({ db, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger, clock: () => new Date() });
    const auth = createAuth({ db, publicUrl: config.PUBLIC_URL, secret: deriveAuthSecret(secret()), mailer });
    const user = await createUserWithPassword(auth, { email, name, password: opts.password });
    await putMember(db, opts.org, user.id, role, 'cli');
    return user;
  });
  print({ id: result.id, email, organizationId: opts.org, role }, json, () =>
    result.created
      ? `Created ${email} (${result.id}) as ${role} of ${opts.org}. They sign in at ${config.PUBLIC_URL}/ with that password.`
      : `${email} (${result.id}) already had an account (password unchanged): now ${role} of ${opts.org}.`,
  );
}

async function run(argv: string[]): Promise<void> {
  const [group, ...afterGroup] = argv;
  // `classify` has no sub-command: its options follow it directly; `org policy get|set` has two.
  const noSubcommand = group === 'classify' || group === 'review';
  const action = noSubcommand ? undefined : group === 'org' && afterGroup[0] === 'policy' ? `policy ${afterGroup[1] ?? ''}` : afterGroup[0];
  const rest = noSubcommand ? afterGroup : afterGroup.slice(action?.startsWith('policy ') ? 2 : 1);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      timezone: { type: 'string' },
      number: { type: 'string' },
      'forward-to': { type: 'string', multiple: true },
      'lead-source': { type: 'string' },
      'twilio-account-sid': { type: 'string' },
      'twilio-auth-token': { type: 'string' },
      'messaging-service-sid': { type: 'string' },
      'dial-timeout': { type: 'string' },
      org: { type: 'string' },
      json: { type: 'boolean', default: false },
      llm: { type: 'boolean', default: false },
      file: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
    },
    strict: true,
  });
  const need = (key: keyof typeof values) => {
    const v = values[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) throw new UsageError(`--${key} is required`);
    return v;
  };
  const json = values.json === true;

  if (group === 'classify') {
    await classifyCommand(values.llm === true);
    return;
  }
  if (group === 'triage' && action === 'eval') {
    const { runTriageEval } = await import('../core/triage/evaluate.ts');
    const { report, text } = runTriageEval();
    await writeLine(json ? JSON.stringify(report) : text.replace(/\n+$/, ''));
    return;
  }
  if (group === 'org' && action === 'create') {
    const { createOrganization } = await import('../app/organizations.ts');
    const { createCredentialCipher } = await import('../crypto/credentials.ts');
    const input = {
      name: need('name') as string,
      timeZone: need('timezone') as string,
      number: need('number') as string,
      forwardTo: need('forward-to') as string[],
      leadSource: values['lead-source'] ?? null,
      twilioAccountSid: values['twilio-account-sid'] ?? null,
      twilioAuthToken: values['twilio-auth-token'] ?? null,
      messagingServiceSid: values['messaging-service-sid'] ?? null,
    };
    const created = await withDatabase((database, secret) => createOrganization(database.db, createCredentialCipher(secret()), input));
    print({ id: created.id, apiKey: created.apiKey }, json, () => `Created organization ${created.id} (${created.numberE164}).\nAPI key (shown once): ${created.apiKey}`);
    return;
  }
  if (group === 'org' && action === 'policy get') {
    const orgId = need('org') as string;
    const { findOrganizationById } = await import('../app/organizations.ts');
    const org = await withDatabase((database) => findOrganizationById(database.db, orgId));
    if (!org) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${orgId}`);
    await writeLine(JSON.stringify(org.policy, null, 2));
    return;
  }
  if (group === 'org' && action === 'policy set') {
    const orgId = need('org') as string;
    const file = need('file') as string;
    const { readFileSync } = await import('node:fs');
    let patch: unknown;
    try {
      patch = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
    } catch (err) {
      throw new UsageError(`--file: not readable JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    const { updateOrganizationPolicy } = await import('../app/organizations.ts');
    const policy = await withDatabase((database) => updateOrganizationPolicy(database.db, orgId, patch, 'cli'));
    await writeLine(json ? JSON.stringify(policy) : 'Policy updated.');
    return;
  }
  if (group === 'review') {
    const orgId = need('org') as string;
    const { reviewQueue } = await import('../app/review-queue.ts');
    const items = await withDatabase((database) => reviewQueue(database.db, orgId, new Date()));
    print(items, json, () =>
      items.length === 0
        ? 'Nothing to review.'
        : items
            .map((i) => `${i.safety ? 'SAFETY ' : i.intent === 'emergency' ? 'EMERGENCY ' : ''}${i.phone}  ${i.stage}  ${i.task.type}  ${i.overdueMinutes > 0 ? `overdue ${i.overdueMinutes} min` : `due ${i.task.dueAt}`}  ${i.task.reason ?? ''}  (lead ${i.leadId})`)
            .join('\n'),
    );
    return;
  }
  if (group === 'org' && action === 'list') {
    const { listOrganizations } = await import('../app/organizations.ts');
    const orgs = await withDatabase((database) => listOrganizations(database.db));
    print(orgs, json, () => (orgs.length === 0 ? 'No organizations.' : orgs.map((o) => `${o.id}  ${o.name}  ${o.timeZone}  ${o.provider}  ${o.numbers.join(', ')}`).join('\n')));
    return;
  }
  if (group === 'number' && action === 'add') {
    const timeout = values['dial-timeout'] === undefined ? undefined : Number(values['dial-timeout']);
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 5 || timeout > 600)) throw new UsageError('--dial-timeout must be a whole number of seconds from 5 to 600');
    const { addPhoneNumber } = await import('../app/organizations.ts');
    const row = await withDatabase((database) =>
      addPhoneNumber(database.db, need('org') as string, {
        number: need('number') as string,
        forwardTo: need('forward-to') as string[],
        leadSource: values['lead-source'] ?? null,
        dialTimeoutSeconds: timeout,
      }),
    );
    print({ id: row.id, organizationId: row.organizationId, number: row.e164, forwardTo: row.forwardTo }, json, () => `Added ${row.e164} → ${row.forwardTo.join(', ')}`);
    return;
  }
  if (group === 'user' && action === 'create') {
    await userCreateCommand({ org: need('org') as string, email: need('email') as string, password: need('password') as string, role: need('role') as string, name: values.name }, json);
    return;
  }
  if (group === 'user' && action === 'list') {
    const orgId = need('org') as string;
    const [{ findOrganizationById }, { listTeam }] = await Promise.all([import('../app/organizations.ts'), import('../app/team.ts')]);
    const team = await withDatabase(async (database) => {
      if (!isUuid(orgId) || !(await findOrganizationById(database.db, orgId))) throw new InputError(`--org: no organization ${orgId} (see: ringback org list)`);
      return listTeam(database.db, orgId);
    });
    print(
      team.map((m) => ({ id: m.userId, email: m.email, name: m.name, role: m.role, phoneE164: m.phoneE164 })),
      json,
      () => (team.length === 0 ? 'No people in this organization.' : team.map((m) => `${m.userId}  ${m.email}  ${m.name}  ${m.role}`).join('\n')),
    );
    return;
  }
  throw new UsageError(group ? `Unknown command: ${[group, action].filter(Boolean).join(' ')}` : 'No command given');
}

// A reader that goes away early (`... | head -1`) is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof InputError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    if (err instanceof AppError) {
      process.stderr.write(`${err.detail}\n`);
      process.exit(1);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
