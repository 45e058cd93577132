/**
 * The telephony port: what the effect handlers need from an SMS/voice provider.
 * `twilio/` and `simulator/` implement it; nothing else in Ringback talks to a provider.
 */

/** Credentials of one organization's provider account (decrypted just before use, never logged). */
export interface ProviderAccount {
  /** Twilio Account SID (`AC` + 32 hex) or a simulator account id. */
  accountSid: string;
  /** Twilio auth token (secret). */
  authToken: string;
}

/** One outbound SMS. Phone numbers are E.164 (`+15125550123`). */
export interface SendMessageRequest {
  account: ProviderAccount;
  to: string;
  /** The organization's number; ignored by Twilio when `messagingServiceSid` is set. */
  from: string;
  /** `MG…` when the organization sends through a Twilio Messaging Service. */
  messagingServiceSid?: string | null;
  body: string;
  /** Absolute URL Twilio posts `MessageStatus` updates to (`PUBLIC_URL` + `/webhooks/twilio/sms/status`). */
  statusCallbackUrl: string;
}

/** The provider accepted the message. `sid` is Twilio's MessageSid (`SM…`). */
export interface SendMessageAccepted {
  ok: true;
  sid: string;
  /** Provider status at acceptance, e.g. `queued`, `accepted`, `sent`. */
  status: string;
}

/**
 * The provider refused the message for good (no retry will help), e.g. Twilio error 21610 (recipient
 * opted out), 21211 (invalid To), 21614 (not a mobile number). `errorCode` is the provider's numeric code.
 */
export interface SendMessageRejected {
  ok: false;
  errorCode: number | null;
  httpStatus: number | null;
  message: string;
}

export type SendMessageResult = SendMessageAccepted | SendMessageRejected;

/**
 * Thrown by `sendMessage` when the failure is transient and the send should be retried later
 * (HTTP 5xx, 429 / error 20429, network errors) after the provider's own bounded retries ran out.
 */
export class ProviderUnavailableError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly errorCode: number | null,
  ) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

/** One outbound voice call that runs `twiml` when answered (on-call pages). */
export interface PlaceCallRequest {
  account: ProviderAccount;
  to: string;
  from: string;
  /** TwiML the call runs, e.g. a `<Gather>` asking to press 1. */
  twiml: string;
  statusCallbackUrl?: string;
}

/** A provider that can send SMS. Implementations retry transient failures themselves with backoff. */
export interface TelephonyProvider {
  readonly name: 'twilio' | 'simulator';
  /**
   * Sends one SMS. Resolves `{ok: true}` when accepted, `{ok: false}` on a permanent refusal;
   * throws `ProviderUnavailableError` when retries of a transient failure are exhausted.
   */
  sendMessage(req: SendMessageRequest): Promise<SendMessageResult>;
  /**
   * Places a voice call. Resolves `{ok: true, sid}` (a CallSid) or `{ok: false}` on a refusal; throws
   * `ProviderUnavailableError` when retries of a transient failure are exhausted.
   */
  placeCall(req: PlaceCallRequest): Promise<SendMessageResult>;
  /**
   * The line type of `e164` (`mobile`, `landline`, `fixedVoip`, …, `unknown`), when the provider can
   * look it up (Twilio Lookup v2 line_type_intelligence). Throws on failure; callers treat that as unknown.
   */
  lookupLineType?(account: ProviderAccount, e164: string): Promise<string>;
}
