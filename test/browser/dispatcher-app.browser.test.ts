/**
 * The dispatcher app in a real browser (issue 5): Debian's Chromium driven by playwright-core against
 * the built app on a real Ringback. Writes the README's screenshots to docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialStatus, inboundSms, sid } from '../support/harness.ts';
import { CALLER, DIAL_STATUS, SMS, ringbackSuite } from '../support/suite.ts';
import { addPerson, launchChromium, overflowsHorizontally, screenshot, signIn } from './browser.ts';

const suite = ringbackSuite();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const queueRow = (page: Page, phoneDigits: string) => page.locator('[data-testid="queue-row"]', { hasText: phoneDigits });

/** A missed call from `from`, as Twilio signs it; returns once Ringback has answered the webhook. */
async function missedCall(t: Awaited<ReturnType<typeof suite.start>>, from: string): Promise<void> {
  const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), from, 'no-answer'));
  expect(res.status).toBe(200);
  await t.settle();
}

describe('the dispatcher app', () => {
  it('a missed call appears live; the dispatcher replies, takes it over, and sets owner, next action and stage', async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher', '+15125550177');
    await addPerson(t, 'technician', 'Marco Tech');
    const page = await signIn(browser, t, dana.email);

    await missedCall(t, CALLER);
    // Appears without a reload (server-sent events).
    await expect.poll(() => queueRow(page, '555-0123').count(), { timeout: 5_000 }).toBe(1);
    // Two more customers write back, so the queue shows triage at work.
    for (const [from, text] of [
      ['+15125550124', 'Water is pouring through the ceiling from the upstairs bathroom, please hurry'],
      ['+15125550125', 'How much do you charge to replace a 50 gallon water heater?'],
    ] as const) {
      await missedCall(t, from);
      await t.twilio(SMS, inboundSms(from, text));
      await t.settle();
    }
    await expect.poll(() => page.locator('[data-testid="queue-row"]').count(), { timeout: 5_000 }).toBe(3);
    // Emergencies first.
    expect(await page.locator('[data-testid="queue-row"]').first().innerText()).toContain('555-0124');
    await screenshot(page, 'queue');

    await queueRow(page, '555-0123').click();
    await page.getByLabel('Message').fill('Hi, this is Dana from Acme. We can come by today after 2. Does that work?');
    await expect.poll(() => page.getByTestId('gate-verdict').innerText(), { timeout: 5_000 }).toMatch(/send/i);
    await page.getByRole('button', { name: 'Send' }).click();
    await t.settle();
    await expect.poll(() => page.getByText('We can come by today after 2', { exact: false }).count(), { timeout: 5_000 }).toBeGreaterThan(0);
    const leads = (await (await t.api('/api/v1/leads')).json()) as Array<{ id: string; contact: { phone: string } }>;
    const lead = leads.find((l) => l.contact.phone === CALLER)!;
    const detail = async () => (await (await t.api(`/api/v1/leads/${lead.id}`)).json()) as { automation: { state: string }; stage: string; nextAction: { type: string; assignee: string | null } | null; owner?: { id: string } | null };
    await expect.poll(async () => (await detail()).automation.state).toBe('paused');

    await page.getByLabel('Stage').click();
    await page.getByRole('option', { name: /appointment requested/i }).click();
    await page.getByLabel('Owner', { exact: true }).click();
    await page.getByRole('option', { name: 'Dana Dispatcher' }).click();
    await page.getByLabel('Next action').click();
    await page.getByRole('option', { name: /call back/i }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await detail()).stage, { timeout: 5_000 }).toBe('appointment_requested');
    const saved = await detail();
    expect(saved.owner?.id).toBe(dana.id);
    expect(saved.nextAction?.type).toBe('call_back');
    await screenshot(page, 'thread');
  });

  it("blocks the composer of an opted-out contact with the reason, and keeps technicians out of settings", async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    const marco = await addPerson(t, 'technician', 'Marco Tech');
    await missedCall(t, CALLER);
    await t.twilio(SMS, inboundSms(CALLER, 'STOP'));
    await t.settle();

    const page = await signIn(browser, t, dana.email);
    const [lead] = (await (await t.api('/api/v1/leads')).json()) as Array<{ id: string }>;
    await page.goto(`${t.baseUrl}/leads/${lead!.id}`);
    await page.getByLabel('Message').fill('Are you still there?');
    await expect.poll(() => page.getByTestId('gate-verdict').innerText(), { timeout: 5_000 }).toMatch(/opted out/i);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    const tech = await signIn(browser, t, marco.email);
    expect(await tech.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await tech.goto(`${t.baseUrl}/settings`);
    await expect.poll(() => tech.getByText("You don't have access to settings").count(), { timeout: 5_000 }).toBe(1);
  });

  it('the morning review walks two leads to a summary', async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    await missedCall(t, CALLER);
    await missedCall(t, '+15125550124');
    const page = await signIn(browser, t, dana.email);
    await page.getByRole('link', { name: 'Review' }).click();
    const progress = page.getByTestId('review-progress');
    await progress.waitFor();
    await screenshot(page, 'review');
    // First lead: tried to call, moved on; second lead: nothing to change.
    await page.getByLabel('Stage').click();
    await page.getByRole('option', { name: /callback attempted/i }).click();
    await page.getByRole('button', { name: 'Next lead' }).click();
    await expect.poll(() => page.getByText('Lead 2 of 2').count(), { timeout: 5_000 }).toBe(1);
    await page.getByRole('button', { name: 'Next lead' }).click();
    const summary = page.getByTestId('review-summary');
    await summary.waitFor({ timeout: 5_000 });
    expect(await summary.innerText()).toContain('You went through 2 leads.');
    expect(await page.getByTestId('review-summary-reviewed').locator('dd').innerText()).toBe('2');
    expect(await page.getByTestId('review-summary-stageMoves').locator('dd').innerText()).toBe('1');
    const stages = ((await (await t.api('/api/v1/leads')).json()) as Array<{ stage: string }>).map((l) => l.stage).sort();
    expect(stages).toEqual(['callback_attempted', 'text_sent']);
  });

  it('holds its layout on a 390 px wide phone', async () => {
    const t = await suite.start({ publicAtListenAddress: true });
    const dana = await addPerson(t, 'dispatcher', 'Dana Dispatcher');
    await missedCall(t, CALLER);
    const page = await signIn(browser, t, dana.email, 390);
    await expect.poll(() => queueRow(page, '555-0123').count(), { timeout: 5_000 }).toBe(1);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'queue-phone');
    await queueRow(page, '555-0123').click();
    await page.getByLabel('Message').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.goto(`${t.baseUrl}/review`);
    await page.getByTestId('review-progress').waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
  });
});
