/**
 * `GET /demo/mailbox`: every email Ringback sent or would have sent (invitations, password resets),
 * newest first, with links clickable. Demo only (`RINGBACK_DEMO=true`): it shows password-reset and
 * invitation links to whoever opens it, so anywhere else the route answers 404.
 */
import type { FastifyInstance } from 'fastify';
import { desc } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.ts';
import { sentEmails } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../context.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { page } from './layout.ts';

/** Most emails the page shows. */
export const MAILBOX_LIMIT = 200;

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * Escapes `text` and turns its URLs into links. A link to `publicUrl` becomes relative, so it opens
 * on the address the page was opened at (a demo reached at a LAN address or another port).
 */
export function linkify(text: string, publicUrl: string): SafeHtml {
  const base = new URL(publicUrl).origin;
  const parts: SafeHtml[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = m[0].replace(/[.,;:!?)]+$/, '');
    parts.push(html`${text.slice(last, m.index)}`);
    const href = url.startsWith(`${base}/`) ? url.slice(base.length) : url;
    parts.push(html`<a href="${href}">${url}</a>`);
    last = m.index + url.length;
  }
  parts.push(html`${text.slice(last)}`);
  return html`${parts}`;
}

/** Renders the mailbox: the newest `MAILBOX_LIMIT` emails of every organization. */
export async function renderMailboxPage(db: Db, publicUrl: string): Promise<SafeHtml> {
  const rows = await db.select().from(sentEmails).orderBy(desc(sentEmails.createdAt)).limit(MAILBOX_LIMIT);
  const statusClass = (s: string) => (s === 'sent' ? 'open' : s === 'failed' ? 'bad' : 'warn');
  const body = html`
<header class="top">
  <h1>Ringback <span class="muted small">demo mailbox</span></h1>
  <nav><a href="/">Dispatcher app</a> · <a href="/demo">Demo leads</a> · <a href="/simulator">Phone simulator</a></nav>
</header>
<main>
  <p class="muted small">Emails Ringback sent, or would have sent without SMTP (<code>SMTP_URL</code>), newest first:
  invitations and password resets. Shown only while Ringback runs as a demo.</p>
  ${rows.length === 0 && html`<p class="empty">No email yet. Invite someone from the Team page, or use “Forgot password?” on the sign-in page.</p>`}
  ${rows.map(
    (r) => html`<article class="mail" data-testid="mail" data-purpose="${r.purpose}">
  <h2>${r.subject}</h2>
  <p class="small"><strong>To</strong> ${r.to} · <span class="badge">${r.purpose.replace('_', ' ')}</span>
  <span class="badge ${statusClass(r.status)}">${r.status}</span>
  <time datetime="${r.createdAt.toISOString()}" class="muted">${DateTime.fromJSDate(r.createdAt, { zone: 'utc' }).toFormat("yyyy-LL-dd HH:mm:ss 'UTC'")}</time></p>
  ${r.error && html`<p class="small muted">Error: ${r.error}</p>`}
  <pre>${linkify(r.text, publicUrl)}</pre>
</article>`,
  )}
</main>`;
  return page({
    title: 'Mailbox · Ringback demo',
    body,
    extraStyle: raw(`
.mail { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .25rem 1rem .75rem; margin: 0 0 1rem; }
.mail h2 { margin: .75rem 0 .25rem; }
.mail pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: .5rem 0 0; }
`),
  });
}

/** Registers `GET /demo/mailbox` (404 unless the process runs the demo). */
export function registerMailboxRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/demo/mailbox', { schema: { hide: true } }, async (request, reply) => {
    if (!ctx.config.RINGBACK_DEMO) throw new AppError('RB_ERR_NOT_FOUND', `No route GET ${request.url.split('?')[0]}.`);
    const markup = await renderMailboxPage(ctx.database.db, ctx.config.PUBLIC_URL);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(markup.toString());
  });
}
