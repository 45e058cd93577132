import { describe, expect, it } from 'vitest';
import { renderBookedPage, renderDetailsPage, renderLinkGonePage, renderOpeningsPage, type PageFrame } from './booking-page-view.ts';

const FRAME: PageFrame = { business: { name: 'Acme <Plumbing> & Air', phoneE164: '+15125550100' }, language: 'en', token: 'tok_ABCdef123456' };
const DAYS = [{ date: '2026-03-17', label: 'Tue, Mar 17', windows: [{ value: '2026-03-17T13:00:00.000Z/2026-03-17T17:00:00.000Z', label: '8 AM – 12 PM', remaining: 2 }] }];
const EMPTY = { name: '', address: '', zip: '', problem: '' };

describe('[BOOKING PAGE] rendering', () => {
  it('the openings page: business on top (escaped), a radio per window posting to the hold route, the phone', () => {
    const page = renderOpeningsPage(FRAME, DAYS);
    expect(page.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(page).toContain('<header><p>Acme &lt;Plumbing&gt; &amp; Air</p></header>');
    expect(page).toContain('<form action="/b/tok_ABCdef123456/hold" method="post">');
    expect(page).toContain('<legend>Tue, Mar 17</legend>');
    expect(page).toMatch(/<label class="slot"><input type="radio" required="" name="slot" value="2026-03-17T13:00:00.000Z\/2026-03-17T17:00:00.000Z"\/><span>8 AM – 12 PM<\/span><\/label>/);
    expect(page).toContain('<a class="call" href="tel:+15125550100">(512) 555-0100</a>');
    expect(page).toContain('name="viewport" content="width=device-width, initial-scale=1"');
  });

  it('no openings: says so and gives the phone instead of an empty form', () => {
    const page = renderOpeningsPage(FRAME, [], 'Sorry, that time was just taken.');
    expect(page).not.toContain('<form');
    expect(page).toContain('role="alert">Sorry, that time was just taken.</p>');
    expect(page).toContain('No times are open for online booking right now.');
  });

  it('the details form keeps what was typed (escaped) and puts each error beside its field', () => {
    const values = { name: 'Maria "M" <b>', address: '12 Oak St', zip: '10001', problem: 'Leak </textarea><script>alert(1)</script>' };
    const page = renderDetailsPage(FRAME, { value: DAYS[0]!.windows[0]!.value, label: 'Tue, Mar 17 · 8 AM – 12 PM' }, { secondsLeft: 600 }, values, { zip: "We don't serve 10001." });
    expect(page).toContain('value="Maria &quot;M&quot; &lt;b&gt;"');
    expect(page).toContain('Leak &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toMatch(/id="f-zip"[^>]*aria-invalid="true"[^>]*aria-describedby="f-zip-error"[^>]*value="10001"/);
    expect(page).toContain('<p class="error" id="f-zip-error">We don&#x27;t serve 10001.</p>');
    expect(page).toContain('<input type="hidden" name="slot" value="2026-03-17T13:00:00.000Z/2026-03-17T17:00:00.000Z"/>');
    expect(page).toContain('action="/b/tok_ABCdef123456/confirm"');
    expect(page).toContain('Held for you for <strong data-hold-seconds="600">10 minutes</strong>');
    expect(page).toContain('<p id="hold-lapsed" class="muted" hidden="">');
  });

  it('a lapsed hold shows the note at once', () => {
    const page = renderDetailsPage(FRAME, { value: 'v', label: 'l' }, { secondsLeft: -5 }, EMPTY);
    expect(page).toContain('data-hold-seconds="0"');
    expect(page).toMatch(/<p id="hold-lapsed" class="muted">/);
  });

  it('the booking page: window, name, address with ZIP, problem; fresh says a text is coming', () => {
    const booking = { windowLabel: 'Tue, Mar 17 · 8 AM – 12 PM', customerName: 'Maria', address: '12 Oak St', zip: '78701', problem: 'AC' };
    const fresh = renderBookedPage(FRAME, booking, true);
    expect(fresh).toContain("<h1>You&#x27;re booked!</h1>");
    expect(fresh).toContain('<dt>Arrival window</dt><dd>Tue, Mar 17 · 8 AM – 12 PM</dd>');
    expect(fresh).toContain('<dd>12 Oak St 78701</dd>');
    expect(fresh).toContain('We will text you a confirmation.');
    const again = renderBookedPage({ ...FRAME, language: 'es' }, booking, false);
    expect(again).toContain('<h1>Ya tiene una cita</h1>');
    expect(again).toContain('<html lang="es">');
  });

  it('a dead link: expired names the business and its phone; unknown names no one', () => {
    const expired = renderLinkGonePage('expired', FRAME.business);
    expect(expired).toContain('This booking link has expired');
    expect(expired).toContain('href="tel:+15125550100"');
    const unknown = renderLinkGonePage('unknown', null);
    expect(unknown).toContain("This booking link doesn&#x27;t work");
    expect(unknown).not.toContain('<header>');
    expect(unknown).not.toContain('tel:');
  });
});
