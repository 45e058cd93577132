/**
 * A tiny HTML templating helper for the server-rendered demo pages: the `html` tagged template
 * escapes every interpolated value unless it is itself `SafeHtml` (built by `html` or `raw`).
 */

/** A fragment of HTML that is already safe to embed (escaped or trusted markup). */
export class SafeHtml {
  constructor(readonly value: string) {}
  /** The markup, for `reply.send` and string concatenation. */
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Marks trusted markup (never user data) as safe, e.g. a static inline script or style sheet. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: `html\`<p>${name}</p>\`` escapes `name`. Arrays are rendered item by item;
 * `null`, `undefined` and `false` render as nothing, so `${cond && html\`…\`}` works.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}
