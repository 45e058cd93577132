/**
 * Drives Debian's Chromium (`/usr/bin/chromium`, never a downloaded browser) with playwright-core
 * for the browser tests, and signs people in through the real sign-in form.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../../src/core/access/roles.ts';
import { users } from '../../src/db/schema.ts';
import { eq } from 'drizzle-orm';
import type { TestRingback } from '../support/harness.ts';
import { createPerson, PASSWORD } from '../support/sign-in.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the tests write the README's screenshots. */
export const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

/** Creates a person with `role` in the test organization. */
export async function addPerson(t: TestRingback, role: Role, name: string, phoneE164?: string): Promise<{ id: string; email: string }> {
  const email = `${role}.${name.split(' ')[0]!.toLowerCase()}@acme.test`;
  const id = await createPerson(t, { email, role, name });
  if (phoneE164) await t.rb.database.db.update(users).set({ phoneE164 }).where(eq(users.id, id));
  return { id, email };
}

/** Opens a page `width` px wide and signs in through the form at `/` (Enter submits). */
export async function signIn(browser: Browser, t: TestRingback, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
  // The browser's clock starts at the server's test clock, so due times and SLA timers agree.
  await context.clock.install({ time: t.clock.now() });
  const page = await context.newPage();
  await page.goto(t.baseUrl + '/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect.poll(() => page.getByRole('link', { name: 'Queue' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
}

/** Saves a screenshot of the viewport into docs/screenshots/ (the app's header stays fixed on top). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(300); // let notifications and transitions settle
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname });
}

/** Whether the page scrolls sideways (a layout that does not hold at its width). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
