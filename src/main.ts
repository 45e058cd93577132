/** `npm start`: the only place that reads the environment, opens the database and starts the clock. */
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
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
      `  Leads and timelines:   ${base}/\n  Phone simulator:       ${base}/simulator\n  API (OpenAPI):         ${base}/api/v1/openapi.json\n` +
      (demo ? `  Demo organization:     Demo Heating & Air, ${demo.numberE164}\n  Demo API key (shown once): ${demo.apiKey}\n` : '') +
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
