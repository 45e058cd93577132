/**
 * What `GET /calendar/<token>.ics` answers: the feed behind the token rendered as ICS, or null (the
 * route's 404) for an unknown, revoked or orphaned token.
 */
import { eq } from 'drizzle-orm';
import { findOrganizationById } from '../../app/organizations.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { renderBookingCalendar } from './booking-calendar.ts';
import { resolveCalendarFeed } from './calendar-feeds.ts';
import { feedWindow, loadFeedBookings } from './feed-bookings.ts';

/**
 * The ICS document of the feed behind `token` at `now` (a UTC instant): the organization's bookings,
 * or one person's, overlapping `feedWindow(now)`. Named "<business> – bookings" or "<business> –
 * <person>". `publicUrl` is `PUBLIC_URL`. Null when the token opens no live feed.
 */
export async function calendarFeedDocument(db: Db, token: string, now: Date, publicUrl: string): Promise<string | null> {
  const feed = await resolveCalendarFeed(db, token);
  if (!feed) return null;
  const org = await findOrganizationById(db, feed.organizationId);
  if (!org) return null;
  const [person] = feed.userId ? await db.select({ name: users.name }).from(users).where(eq(users.id, feed.userId)) : [];
  const bookings = await loadFeedBookings(db, org.id, feedWindow(now), feed.userId);
  return renderBookingCalendar(bookings, {
    name: `${org.policy.businessName} – ${person ? person.name : 'bookings'}`,
    timeZone: org.policy.timeZone,
    publicUrl,
    showTechnician: feed.userId === null,
  });
}
