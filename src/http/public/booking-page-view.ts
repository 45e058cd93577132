/**
 * The pages of the public booking link `/b/<token>` (issue 6, item 3), as HTML strings: the openings
 * to pick from, the details form while a window is held, the booking (just confirmed, or already
 * made), and the page for a link that expired or never existed. Pure: everything shown comes in as
 * arguments; React escapes every value (`booking-page-layout.ts`). Forms are plain HTML posts
 * (`application/x-www-form-urlencoded`) that work without JavaScript; the only script counts the
 * hold down.
 */
import { createElement as h, type ReactNode } from 'react';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { renderBookingDocument } from './booking-page-layout.ts';
import { bookingPageText, type BookingPageLanguage, type BookingPageText } from './booking-page-text.ts';
import { MAX_LENGTH, type BookingField, type BookingFormErrors, type BookingFormValues } from './booking-form.ts';
import type { OpeningDay } from './opening-days.ts';

/** The business the page speaks for: its name and the number customers call (E.164), when known. */
export interface PageBusiness {
  name: string;
  phoneE164: string | null;
}

/** What every page of one link needs: the business, the language and the link's token. */
export interface PageFrame {
  business: PageBusiness;
  language: BookingPageLanguage;
  token: string;
}

/**
 * The openings page: `days` of windows as radio buttons (one form, posting `slot` to
 * `/b/<token>/hold`), with `message` on top when set (a window that filled meanwhile, no window
 * picked). No days → "no times open online" and the business phone.
 */
export function renderOpeningsPage(frame: PageFrame, days: readonly OpeningDay[], message: string | null = null): string {
  const text = bookingPageText(frame.language);
  const body: ReactNode[] = [h('h1', { key: 'h' }, text.chooseHeading)];
  if (message) body.push(h('p', { key: 'm', className: 'notice', role: 'alert' }, message));
  if (days.length === 0) {
    body.push(h('p', { key: 'none' }, text.noOpenings), callUs(frame.business, text.callUs, 'call'));
  } else {
    body.push(
      h('p', { key: 'i', className: 'muted' }, text.chooseIntro),
      h(
        'form',
        { key: 'f', method: 'post', action: `/b/${frame.token}/hold` },
        days.map((day) =>
          h(
            'fieldset',
            { key: day.date },
            h('legend', null, day.label),
            day.windows.map((w) =>
              h('label', { key: w.value, className: 'slot' }, h('input', { type: 'radio', name: 'slot', value: w.value, required: true }), h('span', null, w.label)),
            ),
          ),
        ),
        h('button', { type: 'submit' }, text.holdButton),
      ),
      callUs(frame.business, text.callUs, 'call'),
    );
  }
  return renderBookingDocument({ lang: text.htmlLang, title: text.title(frame.business.name), businessName: frame.business.name, body });
}

/**
 * The details form while `slot` is held: "Held for you for N minutes" (`holdSecondsLeft` counted down
 * by a small script; without JavaScript the minutes stay as written), the fields with `values` as
 * typed and `errors` beside their fields (`aria-invalid`, `aria-describedby`), the held window in a
 * hidden `slot` field, posting to `/b/<token>/confirm`.
 */
export function renderDetailsPage(
  frame: PageFrame,
  slot: { value: string; label: string },
  hold: { secondsLeft: number },
  values: BookingFormValues,
  errors: BookingFormErrors = {},
): string {
  const text = bookingPageText(frame.language);
  const seconds = Math.max(0, Math.round(hold.secondsLeft));
  const hasErrors = Object.keys(errors).length > 0;
  const body: ReactNode[] = [
    h('h1', { key: 'h' }, text.heldHeading),
    h(
      'div',
      { key: 'held', className: 'card' },
      h('dl', null, h('dt', null, text.arrivalWindow), h('dd', { 'data-testid': 'held-window' }, slot.label)),
      h('p', { className: 'muted' }, `${text.heldFor} `, h('strong', { 'data-hold-seconds': seconds }, text.minutes(Math.ceil(seconds / 60)))),
      h('p', { id: 'hold-lapsed', className: 'muted', hidden: seconds > 0 }, text.holdLapsed),
    ),
    hasErrors ? h('p', { key: 'e', className: 'notice', role: 'alert' }, text.checkFields) : null,
    h(
      'form',
      { key: 'f', method: 'post', action: `/b/${frame.token}/confirm` },
      h('input', { type: 'hidden', name: 'slot', value: slot.value }),
      h('h2', { className: 'muted', style: { fontSize: '1.05rem', margin: '1.2rem 0 0' } }, text.detailsHeading),
      textField('name', text.name, null, values, errors, { autoComplete: 'name' }),
      textField('address', text.address, text.addressHint, values, errors, { autoComplete: 'street-address' }),
      textField('zip', text.zip, null, values, errors, { autoComplete: 'postal-code', inputMode: 'numeric' }),
      textField('problem', text.problem, text.problemHint, values, errors, {}, true),
      h('button', { type: 'submit' }, text.confirmButton),
    ),
    h('p', { key: 'o' }, h('a', { href: `/b/${frame.token}` }, text.otherTime)),
    callUs(frame.business, text.callUs, 'call'),
  ];
  return renderBookingDocument({ lang: text.htmlLang, title: text.title(frame.business.name), businessName: frame.business.name, body, script: COUNTDOWN });
}

/** A booking as the customer sees it: the window's label and what they gave us. */
export interface BookedView {
  windowLabel: string;
  customerName: string | null;
  address: string | null;
  zip: string | null;
  problem: string | null;
}

/**
 * The booking: "You're booked!" right after confirming (`fresh`), "You're already booked" when the
 * link is opened (or posted to) again; the window, name, address and problem, and the business phone
 * for questions and changes.
 */
export function renderBookedPage(frame: PageFrame, booking: BookedView, fresh: boolean): string {
  const text = bookingPageText(frame.language);
  const address = [booking.address, booking.zip].filter((part) => part && part.trim() !== '').join(' ');
  const rows: Array<[string, string | null]> = [
    [text.arrivalWindow, booking.windowLabel],
    [text.name, booking.customerName],
    [text.address, address || null],
    [text.problem, booking.problem],
  ];
  const body: ReactNode[] = [
    h('h1', { key: 'h' }, fresh ? text.confirmedHeading : text.alreadyBookedHeading),
    h(
      'div',
      { key: 'b', className: 'card', 'data-testid': 'booking' },
      h(
        'dl',
        null,
        rows.filter(([, value]) => value).map(([label, value]) => [h('dt', { key: `${label}-t` }, label), h('dd', { key: `${label}-d` }, value)]),
      ),
    ),
    fresh ? h('p', { key: 't', className: 'notice ok' }, text.confirmationTexted) : null,
    callUs(frame.business, text.questions, 'call'),
  ];
  return renderBookingDocument({ lang: text.htmlLang, title: text.title(frame.business.name), businessName: frame.business.name, body });
}

/**
 * The page for a link that no longer works: `expired` (the business known: its name and phone) or
 * `unknown` (no business to name: a generic heading).
 */
export function renderLinkGonePage(reason: 'expired' | 'unknown', business: PageBusiness | null, language: BookingPageLanguage = 'en'): string {
  const text = bookingPageText(language);
  const heading = reason === 'expired' ? text.expiredHeading : text.unknownHeading;
  const body: ReactNode[] = [
    h('h1', { key: 'h' }, heading),
    h('p', { key: 'p' }, reason === 'expired' ? text.expiredText : text.unknownText),
    business ? callUs(business, text.callUs, 'call') : null,
  ];
  return renderBookingDocument({ lang: text.htmlLang, title: business ? `${heading} · ${business.name}` : heading, businessName: business?.name ?? '', body });
}

// ---------------------------------------------------------------------------------------------------

/** "Call us: (512) 555-0100" as a `tel:` link; nothing when the business has no number. */
function callUs(business: PageBusiness, lead: string, key: string): ReactNode {
  if (!business.phoneE164) return null;
  const display = parsePhoneNumberFromString(business.phoneE164)?.formatNational() ?? business.phoneE164;
  return h('p', { key, 'data-testid': 'business-phone' }, `${lead} `, h('a', { className: 'call', href: `tel:${business.phoneE164}` }, display));
}

function textField(
  name: BookingField,
  label: string,
  hint: string | null,
  values: BookingFormValues,
  errors: BookingFormErrors,
  attrs: Record<string, string>,
  multiline = false,
): ReactNode {
  const id = `f-${name}`;
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = { id, name, required: true, maxLength: MAX_LENGTH[name], 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, ...attrs };
  return h(
    'div',
    { key: name },
    h('label', { className: 'field', htmlFor: id }, label, hint ? h('span', { className: 'hint', id: `${id}-hint` }, hint) : null),
    multiline ? h('textarea', { ...common, defaultValue: values[name], rows: 4 }) : h('input', { ...common, type: 'text', defaultValue: values[name] }),
    error ? h('p', { className: 'error', id: `${id}-error` }, error) : null,
  );
}

/**
 * Counts the hold down as m:ss from the seconds the server rendered (relative to page load, so the
 * phone's own clock does not matter) and shows the "hold ran out" line at zero. Static code.
 */
const COUNTDOWN = `(function () {
  var el = document.querySelector('[data-hold-seconds]');
  if (!el) return;
  var end = Date.now() + 1000 * Number(el.getAttribute('data-hold-seconds'));
  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    el.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    if (s > 0) { setTimeout(tick, 1000); return; }
    var lapsed = document.getElementById('hold-lapsed');
    if (lapsed) lapsed.hidden = false;
  }
  tick();
})();`;
