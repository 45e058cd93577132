/**
 * The HTML document of the public booking page: server-rendered with React's `renderToStaticMarkup`
 * (every text and attribute value escaped by React), one small inline style sheet, no external assets
 * and no script bundle, for customers on phones and slow networks. Mobile first: one column at most
 * 34rem wide, 17px text, tap targets at least 48px high, long words wrap, so a 390px-wide screen never
 * scrolls sideways.
 */
import { createElement as h, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

const STYLE = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --bg: #f6f7f9; --card: #fff; --line: #d0d7de;
  --accent: #0b5cc0; --ok: #1a7f37; --bad: #b42318; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  overflow-wrap: anywhere; }
header { background: var(--card); border-bottom: 1px solid var(--line); padding: .9rem 1rem; }
header p { margin: 0 auto; max-width: 34rem; font-weight: 700; font-size: 1.15rem; }
main { max-width: 34rem; margin: 0 auto; padding: 1rem 1rem 2.5rem; }
h1 { font-size: 1.4rem; line-height: 1.25; margin: .4rem 0 .6rem; }
p { margin: .5rem 0; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.notice { border-left: 4px solid var(--bad); background: #fdecea; padding: .7rem .9rem; border-radius: 6px; margin: .8rem 0; }
.ok { border-left-color: var(--ok); background: #e9f6ec; }
fieldset { border: 0; margin: 1.1rem 0 0; padding: 0; min-width: 0; }
legend { font-weight: 700; padding: 0; margin-bottom: .35rem; }
.slot { display: flex; align-items: center; gap: .75rem; min-height: 52px; padding: .6rem .9rem; margin: .45rem 0;
  background: var(--card); border: 1px solid var(--line); border-radius: 10px; cursor: pointer; }
.slot input { width: 1.35rem; height: 1.35rem; margin: 0; flex: none; accent-color: var(--accent); }
.slot:has(input:checked) { border-color: var(--accent); box-shadow: 0 0 0 2px var(--accent) inset; }
label.field { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
.hint { display: block; font-weight: 400; font-size: .9rem; color: var(--muted); }
input[type=text], textarea { display: block; width: 100%; min-height: 48px; padding: .6rem .75rem; font: inherit; color: inherit;
  background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
textarea { min-height: 7rem; resize: vertical; }
[aria-invalid=true] { border-color: var(--bad); border-width: 2px; }
.error { color: var(--bad); font-size: .95rem; margin: .3rem 0 0; }
button { display: block; width: 100%; min-height: 52px; margin: 1.4rem 0 .6rem; font: inherit; font-weight: 700; color: #fff;
  background: var(--accent); border: 0; border-radius: 10px; cursor: pointer; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .9rem 1rem; margin: 1rem 0; }
dl { margin: 0; }
dt { font-size: .9rem; color: var(--muted); margin-top: .6rem; }
dt:first-child { margin-top: 0; }
dd { margin: 0; font-weight: 600; white-space: pre-line; }
.call { display: inline-block; min-height: 48px; line-height: 48px; font-weight: 700; font-size: 1.1rem; }
`;

/**
 * A complete page (`<!doctype html>` included): `businessName` on top (no header when empty), `title` in the tab, `body`
 * inside `<main>`, an optional `script` (trusted static code only, never customer data) at the end.
 * `lang` is the page's language (`en`, `es`). Not indexed by search engines (`noindex`): each page
 * belongs to one customer.
 */
export function renderBookingDocument(opts: { lang: string; title: string; businessName: string; body: ReactNode; script?: string }): string {
  const doc = h(
    'html',
    { lang: opts.lang },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'robots', content: 'noindex, nofollow' }),
      h('title', null, opts.title),
      h('style', { dangerouslySetInnerHTML: { __html: STYLE } }),
    ),
    h(
      'body',
      null,
      opts.businessName ? h('header', null, h('p', null, opts.businessName)) : null,
      h('main', null, opts.body),
      opts.script ? h('script', { dangerouslySetInnerHTML: { __html: opts.script } }) : null,
    ),
  );
  return `<!doctype html>${renderToStaticMarkup(doc)}`;
}
