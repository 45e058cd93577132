/**
 * `npm run cli -- <command>` and the `ringback` bin. Logs go to stderr; stdout carries only the
 * command's output. With the embedded database, a command run while the server holds `DATA_DIR`
 * exits with code 3 and says so (PGlite allows one process).
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { addPhoneNumber, createOrganization, listOrganizations } from '../app/organizations.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createCredentialCipher } from '../crypto/credentials.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { AppError } from '../errors.ts';
import { resolveSecret } from '../runtime.ts';

const USAGE = `Usage: ringback <command> [options]

Commands:
  org create --name N --timezone TZ --number +1... --forward-to +1... [--forward-to ...]
             [--lead-source S] [--twilio-account-sid AC... --twilio-auth-token T]
             [--messaging-service-sid MG...] [--json]
                              create an organization; prints its id and API key (shown once)
  org list [--json]           list organizations and their numbers
  number add --org ID --number +1... --forward-to +1... [--lead-source S] [--dial-timeout SECONDS] [--json]
                              add a tracking number to an organization

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data), RINGBACK_SECRET.
`;

/** Thrown for bad command-line usage; printed with the usage text, exit code 2. */
class UsageError extends Error {}

async function withDatabase<T>(fn: (database: Database, secret: () => string) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }, pino.destination(2));
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

async function run(argv: string[]): Promise<void> {
  const [group, action, ...rest] = argv;
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
    },
    strict: true,
  });
  const need = (key: keyof typeof values) => {
    const v = values[key];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) throw new UsageError(`--${key} is required`);
    return v;
  };
  const json = values.json === true;

  if (group === 'org' && action === 'create') {
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
  if (group === 'org' && action === 'list') {
    const orgs = await withDatabase((database) => listOrganizations(database.db));
    print(orgs, json, () => (orgs.length === 0 ? 'No organizations.' : orgs.map((o) => `${o.id}  ${o.name}  ${o.timeZone}  ${o.provider}  ${o.numbers.join(', ')}`).join('\n')));
    return;
  }
  if (group === 'number' && action === 'add') {
    const timeout = values['dial-timeout'] === undefined ? undefined : Number(values['dial-timeout']);
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 5 || timeout > 600)) throw new UsageError('--dial-timeout must be a whole number of seconds from 5 to 600');
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
  throw new UsageError(group ? `Unknown command: ${[group, action].filter(Boolean).join(' ')}` : 'No command given');
}

run(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
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
