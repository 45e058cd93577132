/** `npm start`: the only place that reads the environment, opens the database and starts the clock. */
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { DEMO_PASSWORD, DEMO_PEOPLE } from './app/seed-demo.ts';
import { ensureWebAppBuilt } from './http/web-app/build-web-app.ts';
import { createLogger, startRingback } from './runtime.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.RINGBACK_ROLE !== 'worker') {
    // A broken web build must not stop webhooks: calls keep being recovered, the app answers 503 or its last build.
    await ensureWebAppBuilt((msg) => logger.info(msg)).catch((err) => logger.error({ err }, 'the dispatcher app did not build; serving its last build, if any'));
  }
  let ringback;
  try {
    ringback = await startRingback(config, { logger });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
  const { app, demo } = ringback;
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ address, database: ringback.database.kind, role: config.RINGBACK_ROLE }, 'Ringback is listening');
  const base = `http://localhost:${config.PORT}`;
  process.stderr.write(
    `\nRingback is running on ${ringback.database.kind === 'pglite' ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'PostgreSQL'}.\n` +
      `  Dispatcher app:        ${base}/\n  Leads and timelines:   ${base}/demo\n  Phone simulator:       ${base}/simulator\n  Demo mailbox:          ${base}/demo/mailbox\n  API (OpenAPI):         ${base}/api/v1/openapi.json\n` +
      (demo
        ? `  Demo organization:     Demo Heating & Air, ${demo.numberE164}\n  Demo API key (shown once): ${demo.apiKey}\n` +
          `  Sign in as (password ${DEMO_PASSWORD}): ${DEMO_PEOPLE.map((p) => `${p.email} (${p.role})`).join(', ')}\n`
        : '') +
      '\n',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await ringback.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Ringback failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
