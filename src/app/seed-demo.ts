import { sql } from 'drizzle-orm';
import type { CredentialCipher } from '../crypto/credentials.ts';
import type { Db } from '../db/client.ts';
import { organizations } from '../db/schema.ts';
import { createOrganization } from './organizations.ts';

/** The demo business's tracking number (a 555-01xx fictional number, reserved for fiction). */
export const DEMO_NUMBER = '+15125550100';

/**
 * Seeds "Demo Heating & Air" on the simulator provider when the database has no organization.
 * Returns its id and API key, or null when the database was not empty.
 */
export async function seedDemo(db: Db, cipher: CredentialCipher): Promise<{ id: string; apiKey: string; numberE164: string } | null> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  if ((row?.n ?? 0) > 0) return null;
  return createOrganization(db, cipher, {
    name: 'Demo Heating & Air',
    timeZone: 'America/Chicago',
    number: DEMO_NUMBER,
    forwardTo: ['+15125550101'],
    leadSource: 'Google Business Profile',
  });
}
