/** The HTML shell and style sheet shared by the demo pages (no framework, no external assets). */
import { html, raw, type SafeHtml } from './html.ts';

const STYLE = raw(`
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #5f6b7a; --bg: #f6f7f9; --card: #fff; --line: #dde1e6;
  --accent: #0b63ce; --ok: #1a7f37; --warn: #b35900; --bad: #c62828; --bubble-in: #e9ecf0; --bubble-out: #0b63ce; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ed; --muted: #9aa5b1; --bg: #111418; --card: #1a1f25; --line: #2c333b;
  --accent: #5aa2ff; --bubble-in: #2a3139; --bubble-out: #1f6fd6; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; justify-content: space-between;
  padding: .75rem 1rem; background: var(--card); border-bottom: 1px solid var(--line); }
header.top h1 { font-size: 1.15rem; margin: 0; }
header.top nav a { margin-left: .75rem; }
main { max-width: 900px; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.muted { color: var(--muted); }
.small { font-size: .85em; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 999px; border: 1px solid var(--line); font-size: .8rem; white-space: nowrap; }
.badge.open { border-color: var(--ok); color: var(--ok); }
.badge.closed { border-color: var(--muted); color: var(--muted); }
.badge.warn { border-color: var(--warn); color: var(--warn); }
.badge.bad { border-color: var(--bad); color: var(--bad); }
.empty { padding: 1rem; background: var(--card); border: 1px dashed var(--line); border-radius: 8px; }
button, input, select, textarea { font: inherit; }
button { cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 8px; padding: .5rem .8rem; }
button.secondary { background: transparent; color: var(--accent); }
button:disabled { opacity: .5; cursor: progress; }
input, select, textarea { width: 100%; padding: .45rem .55rem; border: 1px solid var(--line); border-radius: 8px; background: var(--card); color: var(--fg); }
`);

/**
 * A complete HTML page: `title`, the page's `body` markup, an optional inline `script` (trusted,
 * static code) and extra `head` markup (e.g. a `<noscript>` refresh).
 */
export function page(opts: { title: string; body: SafeHtml; script?: SafeHtml; head?: SafeHtml; extraStyle?: SafeHtml; bodyAttrs?: SafeHtml }): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}</title>
<style>${STYLE}${opts.extraStyle}</style>
${opts.head}
</head>
<body${opts.bodyAttrs}>
${opts.body}
${opts.script && html`<script>${opts.script}</script>`}
</body>
</html>
`;
}
