import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', TWILIO_API_BASE_URL: 'https://api.twilio.com', PUBLIC_URL: 'http://localhost:3000', RINGBACK_ROLE: 'all' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lists every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', RINGBACK_SECRET: 'short' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const paths = (err as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(paths.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'RINGBACK_SECRET']);
    }
  });

  it('drops a trailing slash from PUBLIC_URL, which Twilio signatures are computed against', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://rb.example.com/' }).PUBLIC_URL).toBe('https://rb.example.com');
  });
});
