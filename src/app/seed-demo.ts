import { eq, sql } from 'drizzle-orm';
import { createUserWithPassword, type Auth } from '../auth/auth.ts';
import type { Role } from '../core/access/roles.ts';
import type { CredentialCipher } from '../crypto/credentials.ts';
import type { Db } from '../db/client.ts';
import { organizations, users } from '../db/schema.ts';
import { upsertMembership } from './memberships.ts';
import { createOrganization, updateOrganizationPolicy } from './organizations.ts';

/** The demo's people, one per role, all with `DEMO_PASSWORD` (a demo on a laptop, not production). */
export const DEMO_PEOPLE: ReadonlyArray<{ email: string; name: string; role: Role; phoneE164: string }> = [
  { email: 'owner@demo.ringback.dev', name: 'Olivia Owner', role: 'owner', phoneE164: '+15125550113' },
  { email: 'dispatcher@demo.ringback.dev', name: 'Dana Dispatcher', role: 'dispatcher', phoneE164: '+15125550114' },
  { email: 'tech@demo.ringback.dev', name: 'Marco Technician', role: 'technician', phoneE164: '+15125550111' },
];
export const DEMO_PASSWORD = 'ringback-demo';

/** The demo business's tracking number (a 555-01xx fictional number, reserved for fiction). */
export const DEMO_NUMBER = '+15125550100';

/**
 * Seeds "Demo Heating & Air" on the simulator provider, with `DEMO_PEOPLE` to sign in as, when the
 * database has no organization.
 * Returns its id and API key, or null when the database was not empty.
 */
export async function seedDemo(db: Db, cipher: CredentialCipher, auth: Auth): Promise<{ id: string; apiKey: string; numberE164: string } | null> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  if ((row?.n ?? 0) > 0) return null;
  const created = await createOrganization(db, cipher, {
    name: 'Demo Heating & Air',
    timeZone: 'America/Chicago',
    number: DEMO_NUMBER,
    forwardTo: ['+15125550101'],
    leadSource: 'Google Business Profile',
  });
  // An on-call rotation and FAQ so the demo shows paging and answers (fictional 555-01xx numbers).
  await updateOrganizationPolicy(
    db,
    created.id,
    {
      onCall: {
        timeZone: 'America/Chicago',
        ackTimeoutMinutes: 5,
        owner: { name: 'Olivia (owner)', phoneE164: '+15125550113' },
        shifts: [
          { person: { name: 'Marco (on call)', phoneE164: '+15125550111' }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
          { person: { name: 'Dee (backup)', phoneE164: '+15125550112' }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
        ],
      },
      faq: [
        { keywords: ['weekend', 'saturday', 'sunday'], answer: 'We answer emergencies 24/7 and book regular visits Monday to Saturday.' },
        { keywords: ['financing', 'payment plan'], answer: 'Yes, we offer financing on new systems, with approval in minutes.', answerEs: 'Sí, ofrecemos financiamiento para equipos nuevos.' },
      ],
    },
    'seed',
  );
  for (const p of DEMO_PEOPLE) {
    const { id } = await createUserWithPassword(auth, { email: p.email, name: p.name, password: DEMO_PASSWORD });
    await db.update(users).set({ phoneE164: p.phoneE164 }).where(eq(users.id, id));
    await upsertMembership(db, created.id, id, p.role);
  }
  return created;
}
