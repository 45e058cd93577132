/**
 * `GET /simulator`: a phone in the browser. The visitor plays the homeowner: calls a simulator
 * organization's number (nobody answers, or someone does), reads the text-back and replies. The
 * page only calls the `/demo/simulator/*` endpoints; they drive the real Twilio webhook routes.
 */
import { normalizeE164 } from '../../core/phone/normalize-e164.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { SimulatorNumber } from './simulator.ts';

/** The homeowner number the simulator starts with (a fictional 555-01xx number). */
export const DEFAULT_HOMEOWNER_NUMBER = '+15125550123';

/**
 * Renders the simulator page. `query.from` / `query.to` preselect the homeowner's and the business
 * number (ignored when not valid / not a simulator number).
 */
export function renderSimulatorPage(numbers: SimulatorNumber[], query: { from?: unknown; to?: unknown }): SafeHtml {
  const from = (typeof query.from === 'string' && normalizeE164(query.from)) || DEFAULT_HOMEOWNER_NUMBER;
  const wantedTo = typeof query.to === 'string' ? normalizeE164(query.to) : null;
  const selected = numbers.find((n) => n.numberE164 === wantedTo)?.numberE164 ?? numbers[0]?.numberE164 ?? '';
  const body = html`
<header class="top">
  <h1>Phone simulator <span class="muted small">you are the homeowner</span></h1>
  <nav><a href="/demo">← Leads and timelines</a> · <a href="/demo/mailbox">Mailbox</a> · <a href="/">Dispatcher app</a></nav>
</header>
<main class="sim">
  ${numbers.length === 0
    ? html`<p class="empty">No simulator organization to call. Start Ringback on an empty database to seed
      “Demo Heating &amp; Air”, or create one without Twilio credentials:
      <code>npm run cli -- org create --name "…" --timezone America/Chicago --number +1… --forward-to +1…</code></p>`
    : html`
  <section class="phone" aria-label="Simulated phone">
    <div class="setup">
      <label>Your number <input id="from" inputmode="tel" autocomplete="off" value="${from}" data-explicit="${typeof query.from === 'string' ? 'yes' : ''}"></label>
      <label>Business <select id="to">
        ${numbers.map((n) => html`<option value="${n.numberE164}"${n.numberE164 === selected && raw(' selected')}>${n.organizationName} · ${n.numberE164}</option>`)}
      </select></label>
    </div>
    <div class="calls">
      <button type="button" id="call-missed">📞 Call (nobody answers)</button>
      <button type="button" id="call-answered" class="secondary">📞 Call (someone answers)</button>
    </div>
    <details class="voicemail">
      <summary>Leave a voicemail when nobody answers (optional)</summary>
      <textarea id="voicemail" rows="2" maxlength="1000" placeholder="Hi, our furnace stopped working, can someone come out today?"></textarea>
    </details>
    <div class="screen">
      <div class="with"><b id="biz-name">${numbers.find((n) => n.numberE164 === selected)?.organizationName ?? ''}</b> <span class="muted small" id="biz-number">${selected}</span></div>
      <ol id="thread" aria-live="polite"></ol>
      <p id="thread-empty" class="muted small center">No calls or texts with this business yet. Call it and let it ring.</p>
    </div>
    <form id="composer" autocomplete="off">
      <input id="text" maxlength="1600" placeholder="Text message" aria-label="Text message">
      <button type="submit" id="send">Send text</button>
    </form>
    <p id="notice" class="small" role="status"></p>
  </section>`}
</main>`;
  return page({ title: 'Ringback demo: phone simulator', body, extraStyle: SIMULATOR_STYLE, script: numbers.length > 0 ? SIMULATOR_SCRIPT : undefined });
}

const SIMULATOR_STYLE = raw(`
main.sim { max-width: 460px; padding: .75rem; }
.phone { display: flex; flex-direction: column; gap: .6rem; }
.setup { display: grid; grid-template-columns: 1fr 1.3fr; gap: .5rem; }
.setup label { font-size: .8rem; color: var(--muted); }
.calls { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.voicemail summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
.voicemail textarea { margin-top: .35rem; }
.screen { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: .5rem .6rem; min-height: 45vh; max-height: 60vh; overflow-y: auto; }
.with { text-align: center; padding-bottom: .4rem; border-bottom: 1px solid var(--line); margin-bottom: .4rem; }
#thread { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: .35rem; }
.msg { max-width: 80%; padding: .4rem .65rem; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.mine { align-self: flex-end; background: var(--bubble-out); color: #fff; border-bottom-right-radius: 4px; }
.msg.theirs { align-self: flex-start; background: var(--bubble-in); border-bottom-left-radius: 4px; }
.meta { font-size: .72rem; color: var(--muted); margin-top: -.2rem; }
.meta.mine { align-self: flex-end; }
.meta.theirs { align-self: flex-start; }
.meta.bad { color: var(--bad); }
.call { align-self: center; font-size: .8rem; color: var(--muted); background: var(--bg); border-radius: 999px; padding: .15rem .7rem; }
.call.missed { color: var(--bad); }
.center { text-align: center; }
#composer { display: grid; grid-template-columns: 1fr auto; gap: .5rem; position: sticky; bottom: 0; background: var(--bg); padding: .25rem 0; }
#notice { min-height: 1.2em; margin: 0; }
#notice.bad { color: var(--bad); }
`);

/** The simulator's browser side: builds the thread with DOM text nodes only (never innerHTML). */
const SIMULATOR_SCRIPT = raw(`
(() => {
  const $ = (id) => document.getElementById(id);
  const fromInput = $('from'), toSelect = $('to'), threadEl = $('thread'), empty = $('thread-empty'), notice = $('notice');
  const screen = document.querySelector('.screen');
  if (!fromInput.dataset.explicit && localStorage.getItem('ringback.sim.from')) fromInput.value = localStorage.getItem('ringback.sim.from');
  let lastJson = '';
  let busy = false;

  function say(text, bad) { notice.textContent = text || ''; notice.className = 'small' + (bad ? ' bad' : ''); }
  function time(iso) { return new Date(iso).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit', second: '2-digit' }); }
  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  async function problemText(res) {
    try { const p = await res.json(); return p.detail || p.title || res.statusText; } catch { return res.status + ' ' + res.statusText; }
  }
  const STATUS = { queued: 'Sending…', sending: 'Sending…', sent: 'Sent', delivered: 'Delivered', undelivered: 'Not delivered', failed: 'Failed', blocked: 'Not sent (blocked)', received: '' };

  function render(thread) {
    const items = [];
    for (const c of thread.calls) items.push({ at: c.at, order: 0, call: c });
    for (const m of thread.messages) items.push({ at: m.createdAt, order: 1, msg: m });
    items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
    const atBottom = screen.scrollHeight - screen.scrollTop - screen.clientHeight < 40;
    threadEl.replaceChildren();
    for (const it of items) {
      if (it.call) {
        const c = it.call;
        threadEl.append(el('li', 'call ' + c.outcome, (c.outcome === 'missed' ? '📞 Missed call (' + (c.dialCallStatus || 'no answer') + ')' : '📞 Call answered') + ' · ' + time(c.at)));
        continue;
      }
      const m = it.msg;
      const mine = m.direction === 'inbound';
      threadEl.append(el('li', 'msg ' + (mine ? 'mine' : 'theirs'), m.body));
      let meta = time(m.createdAt);
      if (!mine) meta += ' · ' + (STATUS[m.status] ?? m.status) + (m.errorCode ? ' (error ' + m.errorCode + ')' : '') + (m.automated ? ' · automated' : '');
      const bad = ['failed', 'undelivered', 'blocked'].includes(m.status);
      threadEl.append(el('li', 'meta ' + (mine ? 'mine' : 'theirs') + (bad ? ' bad' : ''), meta));
    }
    if (thread.homeowner.optedOut) threadEl.append(el('li', 'call missed', 'You opted out: this business cannot text you until you reply START.'));
    empty.hidden = items.length > 0;
    if (atBottom) screen.scrollTop = screen.scrollHeight;
  }

  async function poll() {
    try {
      const q = new URLSearchParams({ from: fromInput.value.trim(), to: toSelect.value });
      const res = await fetch('/demo/simulator/thread?' + q, { cache: 'no-store' });
      if (res.ok) {
        const text = await res.text();
        if (text !== lastJson) { lastJson = text; render(JSON.parse(text)); }
        if (notice.dataset.poll) { say(''); delete notice.dataset.poll; }
      } else {
        say(await problemText(res), true); notice.dataset.poll = '1';
      }
    } catch { say('Cannot reach Ringback; retrying…', true); notice.dataset.poll = '1'; }
    setTimeout(poll, 1000);
  }

  async function post(path, payload, pending) {
    if (busy) return false;
    busy = true;
    document.querySelectorAll('.phone button').forEach((b) => (b.disabled = true));
    say(pending);
    try {
      const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      if (!res.ok) { say(await problemText(res), true); return false; }
      say('');
      return true;
    } catch { say('Cannot reach Ringback.', true); return false; }
    finally {
      busy = false;
      document.querySelectorAll('.phone button').forEach((b) => (b.disabled = false));
    }
  }

  function call(answered) {
    const voicemail = answered ? '' : $('voicemail').value.trim();
    const payload = { from: fromInput.value.trim(), to: toSelect.value, answered };
    if (voicemail) payload.voicemail = voicemail;
    return post('/demo/simulator/call', payload, answered ? 'Calling… someone picks up.' : 'Calling… nobody picks up.');
  }
  $('call-missed').addEventListener('click', async () => { if (await call(false)) $('voicemail').value = ''; });
  $('call-answered').addEventListener('click', () => call(true));
  $('composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('text');
    if (!text.value.trim()) return;
    if (await post('/demo/simulator/sms', { from: fromInput.value.trim(), to: toSelect.value, body: text.value }, 'Sending…')) {
      text.value = '';
      screen.scrollTop = screen.scrollHeight;
    }
    text.focus();
  });
  function changed() {
    localStorage.setItem('ringback.sim.from', fromInput.value.trim());
    const opt = toSelect.selectedOptions[0];
    $('biz-name').textContent = opt ? opt.textContent.split(' · ')[0] : '';
    $('biz-number').textContent = toSelect.value;
    lastJson = '';
    threadEl.replaceChildren();
  }
  fromInput.addEventListener('change', changed);
  toSelect.addEventListener('change', changed);
  poll();
})();
`);
