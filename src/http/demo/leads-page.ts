/**
 * `GET /`: the demo's lead list. Only organizations on the simulator provider are shown: the page
 * has no login yet, so real (Twilio) organizations' leads never appear here.
 */
import { count, eq, max } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { getLeadDetail, listLeads, type LeadDetail } from '../../app/lead-views.ts';
import { listOrganizations } from '../../app/organizations.ts';
import type { Db } from '../../db/client.ts';
import { events, organizations } from '../../db/schema.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { page } from './layout.ts';

/** Most leads the page shows (newest first, across simulator organizations). */
export const LEADS_PAGE_LIMIT = 100;

type SimulatorOrg = { id: string; name: string; timeZone: string; numbers: string[] };

/**
 * A token that changes whenever the page would: the newest event of any simulator organization and
 * how many of them there are. The page polls it and re-renders only when it moves.
 */
export async function leadsPageVersion(db: Db): Promise<string> {
  const [ev] = await db
    .select({ id: max(events.id) })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(eq(organizations.provider, 'simulator'));
  const [orgs] = await db.select({ n: count() }).from(organizations).where(eq(organizations.provider, 'simulator'));
  return `${ev?.id ?? 0}.${orgs?.n ?? 0}`;
}

/** Renders the whole page at `now` (the context's clock), for `GET /`. */
export async function renderLeadsPage(db: Db, now: Date): Promise<SafeHtml> {
  // The version is read first, so a change while rendering shows up at the next poll.
  const version = await leadsPageVersion(db);
  const orgs: SimulatorOrg[] = (await listOrganizations(db)).filter((o) => o.provider === 'simulator');
  const perOrg = await Promise.all(orgs.map(async (o) => (await listLeads(db, o.id, { limit: LEADS_PAGE_LIMIT })).map((lead) => ({ org: o, lead }))));
  const newest = perOrg
    .flat()
    .sort((a, b) => b.lead.createdAt.localeCompare(a.lead.createdAt))
    .slice(0, LEADS_PAGE_LIMIT);
  const details = await Promise.all(newest.map(async ({ org, lead }) => ({ org, lead: (await getLeadDetail(db, org.id, lead.id)) ?? { ...lead, events: [], messages: [] } })));
  const total = perOrg.reduce((n, l) => n + l.length, 0);

  const body = html`
<header class="top">
  <h1>Ringback <span class="muted small">demo leads</span></h1>
  <nav><a href="/">Dispatcher app</a> · <a href="/demo/mailbox">Mailbox</a> · <a href="/simulator">Phone simulator →</a></nav>
</header>
<main>
  <p class="muted small">Leads of the demo (simulator) organizations, newest first, with their timelines. Live: this page
  refreshes itself when something happens. <span id="updated"></span></p>
  <div id="leads">
  ${orgs.length === 0 && html`<p class="empty">No simulator organization yet. Start Ringback on an empty database to seed
    “Demo Heating &amp; Air”, or create one without Twilio credentials:
    <code>npm run cli -- org create --name "…" --timezone America/Chicago --number +1… --forward-to +1…</code></p>`}
  ${orgs.map((org) => renderOrg(org, details.filter((d) => d.org.id === org.id).map((d) => d.lead), now))}
  ${total > newest.length && html`<p class="muted small">Showing the newest ${newest.length} of ${total}+ leads.</p>`}
  </div>
</main>`;
  return page({
    title: 'Ringback demo: leads',
    body,
    bodyAttrs: html` data-version="${version}"`,
    head: html`<noscript><meta http-equiv="refresh" content="5"></noscript>`,
    extraStyle: LEADS_STYLE,
    script: LEADS_SCRIPT,
  });
}

function renderOrg(org: SimulatorOrg, leads: LeadDetail[], now: Date): SafeHtml {
  return html`
<section class="org">
  <h2>${org.name} <span class="muted small">${org.numbers.join(', ')} · ${org.timeZone}</span></h2>
  ${leads.length === 0 ? html`<p class="empty">No leads yet. <a href="/simulator?to=${encodeURIComponent(org.numbers[0] ?? '')}">Call ${org.numbers[0] ?? 'the business'} from the simulator</a> and let it ring.</p>` : leads.map((l) => renderLead(l, org.timeZone, now))}
</section>`;
}

function renderLead(lead: LeadDetail, zone: string, now: Date): SafeHtml {
  const next = lead.nextAction;
  const automationClass = lead.automation.state === 'active' ? 'open' : lead.automation.state === 'paused' ? 'warn' : 'bad';
  return html`
<article class="lead" id="lead-${lead.id}">
  <header>
    <h3>${lead.contact.phone}${lead.contact.name && html` <span class="muted">(${lead.contact.name})</span>`}</h3>
    <span class="badge">${lead.stage}</span>
    <span class="badge ${lead.status}">${lead.status}${lead.outcome && html`: ${lead.outcome}`}</span>
    ${lead.safety && html`<span class="badge bad">safety</span>`}
    ${lead.contact.optedOut && html`<span class="badge bad">opted out</span>`}
  </header>
  <dl class="facts">
    <div><dt>Next action</dt><dd>${next ? html`${next.type} · due ${timeTag(next.dueAt, zone)} <span class="muted">(${relative(next.dueAt, now)})</span>${next.assignee && html` · ${next.assignee}`}` : html`<span class="muted">none</span>`}</dd></div>
    <div><dt>Automation</dt><dd><span class="badge ${automationClass}">${lead.automation.state}</span>${lead.automation.reason && html` ${lead.automation.reason}`}</dd></div>
    <div><dt>Intent</dt><dd>${lead.intent ?? html`<span class="muted">not classified</span>`}</dd></div>
    <div><dt>Source</dt><dd>${lead.source.number}${lead.source.leadSource && html` · ${lead.source.leadSource}`}</dd></div>
    <div><dt>Opened</dt><dd>${timeTag(lead.createdAt, zone)}</dd></div>
  </dl>
  <ol class="timeline">
    ${lead.events.map((e) => html`<li class="ev ev-${e.type}">
      <div class="ev-head">${timeTag(e.at, zone)} <code class="ev-type">${e.type}</code> <span class="muted small">by ${e.actor}</span></div>
      ${renderEventData(e.data)}
    </li>`)}
  </ol>
</article>`;
}

/** Keys shown as the event's words (a message body, a transcript, an opt-out's words). */
const SPOKEN_KEYS = ['body', 'text', 'words'] as const;

function renderEventData(data: Record<string, unknown>): SafeHtml {
  const spoken = SPOKEN_KEYS.map((k) => data[k]).find((v): v is string => typeof v === 'string' && v.length > 0);
  const recordingUrl = typeof data.recordingUrl === 'string' && /^https?:\/\//i.test(data.recordingUrl) ? data.recordingUrl : null;
  const rest = Object.entries(data).filter(([k, v]) => !(SPOKEN_KEYS as readonly string[]).includes(k) && k !== 'recordingUrl' && v !== null && v !== undefined && v !== '');
  return html`${spoken && html`<blockquote class="said">${spoken}</blockquote>`}${recordingUrl && html`<div class="small">Recording: <a href="${recordingUrl}.mp3" rel="noopener noreferrer" target="_blank">${recordingUrl}</a></div>`}${
    rest.length > 0 && html`<div class="ev-data small muted">${rest.map(([k, v]) => html`<span><b>${k}</b>=${show(v)}</span> `)}</div>`
  }`;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

function timeTag(iso: string, zone: string): SafeHtml {
  const t = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return html`<time datetime="${iso}" title="${iso}">${t.isValid ? t.toFormat('LLL d, h:mm:ss a ZZZZ') : iso}</time>`;
}

function relative(iso: string, now: Date): string {
  return DateTime.fromISO(iso).toRelative({ base: DateTime.fromJSDate(now) }) ?? iso;
}

const LEADS_STYLE = raw(`
.org h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.lead { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .75rem 1rem; margin: .75rem 0; }
.lead > header { display: flex; flex-wrap: wrap; gap: .35rem .5rem; align-items: center; }
.lead h3 { margin: 0 .25rem 0 0; font-size: 1.05rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: .25rem 1rem; margin: .6rem 0; }
.facts div { min-width: 0; }
.facts dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.timeline { list-style: none; margin: .5rem 0 0; padding: 0 0 0 .9rem; border-left: 2px solid var(--line); }
.ev { margin: 0 0 .5rem; position: relative; }
.ev::before { content: ""; position: absolute; left: -1.24rem; top: .45rem; width: .55rem; height: .55rem; border-radius: 50%; background: var(--line); }
.ev-call_missed::before, .ev-message_failed::before, .ev-message_blocked::before, .ev-opted_out::before { background: var(--bad); }
.ev-message_received::before, .ev-call_answered::before, .ev-message_delivered::before { background: var(--ok); }
.ev-message_queued::before, .ev-message_sent::before { background: var(--accent); }
.ev-head time { font-variant-numeric: tabular-nums; }
.ev-type { font-weight: 600; }
.said { margin: .2rem 0; padding: .3rem .6rem; border-left: 3px solid var(--accent); background: var(--bg); white-space: pre-wrap; overflow-wrap: anywhere; }
.ev-data { overflow-wrap: anywhere; }
`);

/** Polls the version every 2 s; when it moves (or every 30 s, for relative times) swaps in the fresh lead list. */
const LEADS_SCRIPT = raw(`
(() => {
  let version = document.body.dataset.version;
  let renderedAt = Date.now();
  const updated = document.getElementById('updated');
  async function tick() {
    try {
      const res = await fetch('/demo/leads/version', { cache: 'no-store' });
      const next = res.ok ? (await res.json()).version : version;
      if (next !== version || Date.now() - renderedAt > 30000) {
        const pageRes = await fetch(location.pathname, { cache: 'no-store' });
        const doc = new DOMParser().parseFromString(await pageRes.text(), 'text/html');
        const fresh = doc.getElementById('leads');
        const current = document.getElementById('leads');
        if (fresh && current) {
          current.replaceWith(document.importNode(fresh, true));
          version = doc.body.dataset.version;
          renderedAt = Date.now();
        }
      }
      updated.textContent = 'Checked ' + new Date().toLocaleTimeString() + '.';
    } catch (err) {
      updated.textContent = 'Offline? Retrying…';
    }
    setTimeout(tick, 2000);
  }
  setTimeout(tick, 2000);
})();
`);
