/**
 * The one HTTP client of the app. Cookie session (better-auth) + the active organization header +
 * the CSRF token on writes. Errors come back as `ApiError` carrying the server's problem details.
 */

/** An RFC 9457 problem from the API (`detail` is the human reason; `errors` lists field problems). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; code?: string; reason?: string; retryAt?: string | null; errors?: Array<{ path: string; message: string }>; [k: string]: unknown },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

let organizationId: string | null = localStorage.getItem('ringback.organizationId');
let csrfToken: string | null = null;

/** The organization every request acts in (remembered across reloads). */
export function setActiveOrganization(id: string | null): void {
  organizationId = id;
  if (id) localStorage.setItem('ringback.organizationId', id);
  else localStorage.removeItem('ringback.organizationId');
}
export function activeOrganization(): string | null {
  return organizationId;
}
/** Set from `GET /api/v1/me`; sent as `X-CSRF-Token` on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** `extraHeaders`: request-specific headers, e.g. `Idempotency-Key` on a booking. */
async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (organizationId) headers['x-ringback-organization'] = organizationId;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data ?? { title: res.statusText });
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** `body`: an optional JSON body (e.g. a booking's cancel reason). */
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
