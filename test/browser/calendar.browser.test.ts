/**
 * Booking from the lead thread and the dispatcher's calendar (issue 6) in a real browser: Debian's
 * Chromium driven by playwright-core against the built app on a real Ringback (test clock: Wednesday
 * 2026-11-18 10:00 in Chicago; default availability: weekday windows 8–12 and 12–4 local, 2 per window).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialStatus, sid, type TestRingback } from '../support/harness.ts';
import { CALLER, DIAL_STATUS, ringbackSuite } from '../support/suite.ts';
import { addPerson, launchChromium, screenshot, signIn } from './browser.ts';

const suite = ringbackSuite();
/** Patience for the UI on a busy machine (each wait ends as soon as the page shows what is awaited). */
const WAIT = 20_000;
/** Each test walks a whole flow through a real browser: more than the project's 60 s on a loaded machine. */
const FLOW_MS = 150_000;
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Opening {
  start: string;
  end: string;
  remaining: number;
}
interface Booking {
  id: string;
  leadId: string;
  status: string;
  start: string;
  end: string;
  technicianId: string | null;
  jobType: string | null;
  address: string | null;
  zip: string | null;
}

/** A missed call from `from`; returns its lead's id. */
async function missedCall(t: TestRingback, from: string): Promise<string> {
  const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), from, 'no-answer'));
  expect(res.status).toBe(200);
  await t.settle();
  const leads = (await (await t.api('/api/v1/leads')).json()) as Array<{ id: string; contact: { phone: string } }>;
  return leads.find((l) => l.contact.phone === from)!.id;
}

async function openings(t: TestRingback): Promise<Opening[]> {
  const res = await t.api('/api/v1/availability?includeFull=true');
  expect(res.status).toBe(200);
  return (await res.json()) as Opening[];
}

/** Live bookings of the next 14 days. */
async function bookings(t: TestRingback): Promise<Booking[]> {
  const res = await t.api('/api/v1/bookings?status=booked');
  expect(res.status).toBe(200);
  return (await res.json()) as Booking[];
}

/** Books `leadId` into `w` through the API (as an integration would), optionally for a technician. */
async function bookViaApi(t: TestRingback, leadId: string, w: Opening, technicianId?: string): Promise<Booking> {
  const res = await t.api('/api/v1/bookings', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `test-${leadId}` },
    body: JSON.stringify({ leadId, start: w.start, end: w.end, ...(technicianId ? { technicianId } : {}) }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Booking;
}

/** The arrival window starting at local `hh:mm` in Chicago on `date` (YYYY-MM-DD), from the availability API. */
function windowAt(all: Opening[], date: string, hour: number): Opening {
  const found = all.find((o) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(o.start));
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')}` === date && Number(get('hour')) === hour;
  });
  if (!found) throw new Error(`no window ${date} ${hour}:00 in ${JSON.stringify(all)}`);
  return found;
}

/**
 * Drags `from` (grabbed at its middle) so that its middle lands on the middle of `to`, shifted down by
 * `shift` of `to`'s height (a drop that does not line up with the window), with real mouse moves.
 */
async function drag(page: Page, from: Locator, to: Locator, shift = 0): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 5, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height * (0.5 + shift), { steps: 15 });
  await page.mouse.up();
}

/** The local date (`YYYY-MM-DD`) of an instant in the browser's time zone (what `/calendar?date=` means). */
function browserDate(page: Page, iso: string): Promise<string> {
  return page.evaluate((i) => {
    const d = new Date(i);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, iso);
}

/** The horizontal span of a technician's column header in the day view. */
async function columnSpan(page: Page, title: string): Promise<{ left: number; right: number }> {
  const header = page.locator('.rbc-time-header .rbc-header', { hasText: title });
  await header.waitFor({ timeout: WAIT });
  const box = (await header.boundingBox())!;
  return { left: box.x, right: box.x + box.width };
}

async function centerX(locator: Locator): Promise<number> {
  const box = (await locator.boundingBox())!;
  return box.x + box.width / 2;
}

/** Of the copies of a window (one per technician column), the one in `column`. */
async function windowInColumn(page: Page, w: Opening, column: { left: number; right: number }): Promise<Locator> {
  const copies = page.locator(`[data-testid="calendar-window"][data-start="${w.start}"]`);
  await copies.first().waitFor({ timeout: WAIT });
  for (const copy of await copies.all()) {
    const x = await centerX(copy);
    if (x > column.left && x < column.right) return copy;
  }
  throw new Error(`no ${w.start} window in the column`);
}

/** The booking's event on the calendar. */
const bookingEvent = (page: Page, id: string) => page.locator(`[data-testid="calendar-booking"][data-booking-id="${id}"]`);

describe('[CALENDAR] booking from the thread and the dispatcher calendar', () => {
  it('a dispatcher books a lead from its thread (a double click books once) and sees it in the week and in the technician column', async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    const marco = await addPerson(t, 'technician', 'Marco Tech');
    await addPerson(t, 'technician', 'Tina Tech');
    const leadId = await missedCall(t, CALLER);
    const thursdayMorning = windowAt(await openings(t), '2026-11-19', 8);

    const page = await signIn(browser, t, dana.email);
    await page.goto(`${t.baseUrl}/leads/${leadId}`);
    const panel = page.getByTestId('booking-panel');
    await panel.getByTestId('opening-picker').waitFor({ timeout: WAIT });
    // The openings show how many places each window has left.
    expect(await panel.getByRole('radio', { name: /2 left/ }).count()).toBeGreaterThan(1);
    await panel.locator(`input[type="radio"][value="${thursdayMorning.start}/${thursdayMorning.end}"]`).check();
    await panel.getByLabel('Job type').fill('Water heater repair');
    await panel.getByLabel('Technician', { exact: true }).click();
    await page.getByRole('option', { name: 'Marco Tech' }).click();
    await panel.getByLabel('Service address').fill('12 Elm St, Austin TX');
    await panel.getByLabel('ZIP').fill('78701');
    await panel.getByLabel('Problem').fill('No hot water since this morning');
    await panel.getByRole('button', { name: 'Book', exact: true }).dblclick();

    await expect.poll(() => panel.getByTestId('booking-window').count(), { timeout: WAIT }).toBe(1);
    const booked = await bookings(t);
    expect(booked).toHaveLength(1);
    const booking = booked[0]!;
    expect(booking).toMatchObject({ leadId, start: thursdayMorning.start, end: thursdayMorning.end, technicianId: marco.id, jobType: 'Water heater repair', address: '12 Elm St, Austin TX', zip: '78701' });
    expect(await panel.getByRole('button', { name: 'Reschedule' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Cancel booking' }).count()).toBe(1);

    // The week view (the default) shows it.
    await page.getByRole('link', { name: 'Calendar' }).click();
    await bookingEvent(page, booking.id).waitFor({ timeout: WAIT });
    expect(await page.getByTestId('calendar-range').innerText()).toMatch(/Nov 15 – 21, 2026/);

    // The day view by technician shows it in Marco's column, beside Tina's and "Unassigned".
    await page.goto(`${t.baseUrl}/calendar?view=day&date=${await browserDate(page, booking.start)}&byTechnician=1`);
    await bookingEvent(page, booking.id).waitFor({ timeout: WAIT });
    const marcoColumn = await columnSpan(page, 'Marco Tech');
    const x = await centerX(bookingEvent(page, booking.id));
    expect(x).toBeGreaterThan(marcoColumn.left);
    expect(x).toBeLessThan(marcoColumn.right);
    expect(await page.locator('.rbc-time-header .rbc-header', { hasText: 'Tina Tech' }).count()).toBe(1);
    expect(await page.locator('.rbc-time-header .rbc-header', { hasText: 'Unassigned' }).count()).toBe(1);
    await screenshot(page, 'calendar');
  }, FLOW_MS);

  it('dragging a booking onto another window reschedules it, and onto another technician assigns it; the API agrees', async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    const marco = await addPerson(t, 'technician', 'Marco Tech');
    const tina = await addPerson(t, 'technician', 'Tina Tech');
    const all = await openings(t);
    const thursdayMorning = windowAt(all, '2026-11-19', 8);
    const thursdayAfternoon = windowAt(all, '2026-11-19', 12);
    const booking = await bookViaApi(t, await missedCall(t, CALLER), thursdayMorning, marco.id);

    const page = await signIn(browser, t, dana.email);
    await page.goto(`${t.baseUrl}/calendar?view=day&date=${await browserDate(page, booking.start)}&byTechnician=1`);
    const event = bookingEvent(page, booking.id);
    await event.waitFor({ timeout: WAIT });

    // Onto the afternoon window of Marco's column, an hour lower than the window: it snaps to the window.
    const marcoColumn = await columnSpan(page, 'Marco Tech');
    await drag(page, event, await windowInColumn(page, thursdayAfternoon, marcoColumn), 0.25);
    await expect.poll(() => page.getByText(/Booking moved to/).count(), { timeout: WAIT }).toBeGreaterThan(0);
    expect((await bookings(t))[0]).toMatchObject({ id: booking.id, start: thursdayAfternoon.start, end: thursdayAfternoon.end, technicianId: marco.id });
    await expect.poll(() => event.getAttribute('data-start'), { timeout: WAIT }).toBe(thursdayAfternoon.start);

    // Into Tina's column at the same time: assigned to her, same window.
    const tinaColumn = await columnSpan(page, 'Tina Tech');
    await drag(page, event, await windowInColumn(page, thursdayAfternoon, tinaColumn));
    await expect.poll(() => page.getByText(/Booking assigned to Tina Tech/).count(), { timeout: WAIT }).toBeGreaterThan(0);
    expect((await bookings(t))[0]).toMatchObject({ id: booking.id, start: thursdayAfternoon.start, technicianId: tina.id });
    await expect.poll(async () => {
      const x = await centerX(event);
      return x > tinaColumn.left && x < tinaColumn.right;
    }, { timeout: WAIT }).toBe(true);
  }, FLOW_MS);

  it('a full window refuses the drop: the booking snaps back and a notification says why; details offer the lead and Cancel', async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    const all = await openings(t);
    const thursdayMorning = windowAt(all, '2026-11-19', 8);
    const fridayMorning = windowAt(all, '2026-11-20', 8);
    // Ours on Thursday morning; Friday morning filled by two other customers (capacity 2).
    const leadId = await missedCall(t, CALLER);
    const ours = await bookViaApi(t, leadId, thursdayMorning);
    await bookViaApi(t, await missedCall(t, '+15125550124'), fridayMorning);
    await bookViaApi(t, await missedCall(t, '+15125550125'), fridayMorning);

    const page = await signIn(browser, t, dana.email);
    await page.goto(`${t.baseUrl}/calendar?view=week&date=${await browserDate(page, ours.start)}&byTechnician=0`);
    const event = bookingEvent(page, ours.id);
    await event.waitFor({ timeout: WAIT });
    const full = page.locator(`[data-testid="calendar-window"][data-start="${fridayMorning.start}"]`);
    expect(await full.getAttribute('data-remaining')).toBe('0');
    expect(await full.innerText()).toContain('Full');

    await drag(page, event, full);
    await expect.poll(() => page.getByText('Could not move the booking').count(), { timeout: WAIT }).toBeGreaterThan(0);
    await expect.poll(() => event.getAttribute('data-start'), { timeout: WAIT }).toBe(thursdayMorning.start);
    const after = (await bookings(t)).find((b) => b.id === ours.id)!;
    expect(after).toMatchObject({ start: thursdayMorning.start, end: thursdayMorning.end, status: 'booked' });

    // Its details: the customer's phone, a link to the lead, and Cancel (with a reason).
    await event.click();
    const details = page.getByTestId('booking-details');
    await details.waitFor({ timeout: WAIT });
    expect(await details.innerText()).toContain('(512) 555-0123');
    expect(await details.getByRole('link', { name: 'Open the lead' }).getAttribute('href')).toBe(`/leads/${leadId}`);
    await details.getByRole('button', { name: 'Cancel booking' }).click();
    await details.getByLabel('Reason for canceling').fill('Customer fixed it');
    await details.getByRole('button', { name: 'Confirm cancellation' }).click();
    await expect.poll(async () => (await bookings(t)).some((b) => b.id === ours.id), { timeout: WAIT }).toBe(false);
    await expect.poll(() => event.count(), { timeout: WAIT }).toBe(0);
  }, FLOW_MS);
});
