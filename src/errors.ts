/**
 * Every error Ringback answers over HTTP, with its stable code and status, in one table.
 * `docs/errors.md` documents each code; `errors.unit.test.ts` fails when one is missing there.
 * Codes are never reused: retire one by moving it to `RETIRED_ERROR_CODES`.
 */
export const ERROR_CATALOGUE = {
  RB_ERR_VALIDATION: { status: 400, title: 'The request is malformed' },
  RB_ERR_UNAUTHENTICATED: { status: 401, title: 'Missing or invalid API key' },
  RB_ERR_FORBIDDEN: { status: 403, title: 'Not allowed' },
  RB_ERR_TWILIO_SIGNATURE: { status: 403, title: 'Missing or invalid X-Twilio-Signature' },
  RB_ERR_NOT_FOUND: { status: 404, title: 'Not found' },
  RB_ERR_UNKNOWN_NUMBER: { status: 404, title: 'No organization owns this phone number' },
  RB_ERR_CONFLICT: { status: 409, title: 'Conflicts with the current state' },
  RB_ERR_SLOT_UNAVAILABLE: { status: 409, title: 'That arrival window cannot be booked' },
  RB_ERR_LEAD_ALREADY_BOOKED: { status: 409, title: 'The lead already has a booking' },
  RB_ERR_INVITATION_EXPIRED: { status: 410, title: 'The invitation has expired' },
  RB_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  RB_ERR_LEAD_ACTION_REFUSED: { status: 422, title: 'The lead cannot take this action in its current state' },
  RB_ERR_OUT_OF_SERVICE_AREA: { status: 422, title: 'The address is outside the service area' },
  RB_ERR_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used for a different request' },
  RB_ERR_SEND_REFUSED: { status: 422, title: 'The send policy refused this message' },
  RB_ERR_UNPROCESSABLE_WEBHOOK: { status: 422, title: 'The webhook was stored but could not be processed' },
  RB_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  RB_ERR_INTERNAL: { status: 500, title: 'Internal Server Error' },
  RB_ERR_NOT_READY: { status: 503, title: 'Not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Codes once used and retired; never reuse them. */
export const RETIRED_ERROR_CODES: readonly string[] = [];

/**
 * A domain error that the HTTP error handler turns into `application/problem+json`
 * (RFC 9457: `{type, title, status, detail, code}`). `detail` is shown to the caller; put nothing
 * secret in it. `extra` fields are added to the problem document (e.g. `reason` of a send refusal).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }
}
