/**
 * The public booking link in a real browser (issue 6, item 3): a customer on a phone-sized screen
 * (390 px wide) books through `/b/<token>` without signing in, and a dispatcher then finds the booking
 * on the calendar. Writes the booking page's screenshots to docs/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBookingLink } from '../../src/app/booking-links.ts';
import { CALLER, missedCallWithTextBack, ringbackSuite } from '../support/suite.ts';
import { addPerson, launchChromium, overflowsHorizontally, screenshot, signIn } from './browser.ts';

const suite = ringbackSuite();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('[BOOKING LINK] the customer books on a phone', () => {
  it('picks a window, fills in the details, sees the confirmation; the dispatcher sees it on the calendar', async () => {
    const t = await suite.start({ publicAtListenAddress: true }); // Wednesday 2026-11-18 10:00 in Chicago
    await missedCallWithTextBack(suite, t, CALLER);
    const [lead] = (await (await t.api('/api/v1/leads')).json()) as Array<{ id: string }>;
    const link = await issueBookingLink(t.rb.database.db, { id: t.org.id }, lead!.id, t.clock.now(), t.publicUrl);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await page.goto(link.url);
    await page.getByRole('heading', { name: 'Pick an arrival window' }).waitFor();
    expect(await page.locator('header').innerText()).toBe('Acme Plumbing');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'booking-link');

    await page.getByRole('group', { name: 'Wed, Nov 18' }).getByLabel('12 PM – 4 PM').check();
    await page.getByRole('button', { name: 'Hold this time' }).click();
    await page.getByRole('heading', { name: 'Your time is held' }).waitFor();
    expect(await page.getByTestId('held-window').innerText()).toBe('Wed, Nov 18 · 12 PM – 4 PM');
    // The hold counts down (a little script; the page works without it).
    await expect.poll(() => page.locator('[data-hold-seconds]').innerText(), { timeout: 5_000 }).toMatch(/^\d{1,2}:\d{2}$/);
    await page.getByLabel('Your name').fill('Maria Lopez');
    await page.getByLabel('Service address').fill('1200 Barton Springs Rd, Apt 4, Austin TX');
    await page.getByLabel('ZIP code').fill('78704');
    await page.getByLabel('What needs fixing?').fill('Water heater is leaking in the garage');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'booking-link-details');

    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByRole('heading', { name: "You're booked!" }).waitFor();
    const booking = await page.getByTestId('booking').innerText();
    expect(booking).toContain('Wed, Nov 18 · 12 PM – 4 PM');
    expect(booking).toContain('1200 Barton Springs Rd, Apt 4, Austin TX 78704');
    expect(await page.getByRole('link', { name: '(512) 555-0100' }).getAttribute('href')).toBe('tel:+15125550100');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'booking-link-confirmed');
    await phone.close();

    // The dispatcher finds it on the lead and on the calendar.
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    const desk = await signIn(browser, t, dana.email);
    await desk.goto(`${t.baseUrl}/leads/${lead!.id}`);
    const panel = desk.getByTestId('booking-panel');
    await expect.poll(() => panel.innerText().catch(() => ''), { timeout: 10_000 }).toContain('Maria Lopez');
    expect(await panel.innerText()).toContain('1200 Barton Springs Rd, Apt 4, Austin TX 78704');
    await desk.goto(`${t.baseUrl}/calendar?view=week&date=2026-11-18`);
    const onCalendar = desk.locator('[data-testid="calendar-booking"]', { hasText: 'Maria Lopez' });
    await expect.poll(() => onCalendar.count(), { timeout: 10_000 }).toBe(1);
    expect(await onCalendar.getAttribute('data-start')).toBe('2026-11-18T18:00:00.000Z');
  }, 120_000);
});
