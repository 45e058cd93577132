/**
 * What one field-service connection holds, per provider (issue 6, item 9): the non-secret `config`
 * (stored as `fsm_connections.config` jsonb) and the secret `credentials` (stored encrypted as
 * `credentials_enc`, never answered). zod schemas, `.strict()` so a misspelt field is refused with its
 * path rather than silently ignored.
 *
 * Vendor hosts default to the public ones; `*BaseUrl` overrides them (tests point them at the fakes in
 * `test/support/fake-*.ts`, a sandbox account at the vendor's integration environment).
 */
import { z } from 'zod';

export const FSM_PROVIDERS = ['servicetitan', 'housecall_pro', 'jobber'] as const;
export type FsmProvider = (typeof FSM_PROVIDERS)[number];

/** `booked`: push once a booking is made; `qualified`: already when the lead asks for a visit (stage `appointment_requested`). */
export const FSM_PUSH_ON = ['booked', 'qualified'] as const;
export type FsmPushOn = (typeof FSM_PUSH_ON)[number];

/** ServiceTitan's production hosts (https://developer.servicetitan.io, "Environments"). */
export const SERVICETITAN_API_BASE_URL = 'https://api.servicetitan.io';
export const SERVICETITAN_AUTH_BASE_URL = 'https://auth.servicetitan.io';
/** Housecall Pro's public API host (https://docs.housecallpro.com). */
export const HOUSECALL_PRO_API_BASE_URL = 'https://api.housecallpro.com';
/** Jobber's API host: GraphQL at `/api/graphql`, OAuth at `/api/oauth/token` (developer.getjobber.com). */
export const JOBBER_API_BASE_URL = 'https://api.getjobber.com';
/**
 * The Jobber schema version we send as `X-JOBBER-GRAPHQL-VERSION` (required on every request; versions
 * are dated, supported ≥ 12 months: developer.getjobber.com/docs/using_jobbers_api/api_versioning).
 */
export const JOBBER_GRAPHQL_VERSION = '2025-04-16';

const baseUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((v) => v.replace(/\/+$/, ''));
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
/** ServiceTitan ids are 64-bit integers; we keep them as digit strings (no precision loss in JSON). */
const stId = z.union([z.string().trim().regex(/^\d{1,19}$/, 'must be a ServiceTitan id (digits)'), z.number().int().positive().transform(String)]);

export const serviceTitanConfigSchema = z
  .object({
    /** The tenant (ServiceTitan account) id, in every API path. */
    tenantId: stId,
    /** The booking provider the contractor set up for Ringback (Settings › Integrations › Booking provider tags). */
    bookingProviderId: stId,
    /** Campaign of every booking, unless `campaignIdsBySource` names one for the lead's source. */
    campaignId: stId.optional(),
    /** Campaign per lead source (`phone_numbers.lead_source`, e.g. `Google LSA` → its campaign id). */
    campaignIdsBySource: z.record(z.string().min(1).max(80), stId).optional(),
    businessUnitId: stId.optional(),
    jobTypeId: stId.optional(),
    /** ServiceTitan booking priority (`Low`, `Normal`, `High`, `Urgent`); default `Normal`. */
    priority: z.enum(['Low', 'Normal', 'High', 'Urgent']).optional(),
    /** Ask ServiceTitan to e-mail its own confirmation (Ringback already texts one); default false. */
    sendConfirmationEmail: z.boolean().optional(),
    apiBaseUrl: baseUrl.optional(),
    authBaseUrl: baseUrl.optional(),
  })
  .strict();
export const serviceTitanCredentialsSchema = z.object({ clientId: text(200), clientSecret: text(500), appKey: text(200) }).strict();

export const housecallProConfigSchema = z
  .object({
    /** Lead source to record when the lead's tracking number has none (default `Ringback`). */
    leadSource: text(80).optional(),
    apiBaseUrl: baseUrl.optional(),
  })
  .strict();
export const housecallProCredentialsSchema = z.object({ apiKey: text(500) }).strict();

export const jobberConfigSchema = z
  .object({
    /** Overrides `JOBBER_GRAPHQL_VERSION` (a dated version, `YYYY-MM-DD`). */
    graphqlVersion: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a Jobber API version, YYYY-MM-DD').optional(),
    apiBaseUrl: baseUrl.optional(),
  })
  .strict();
/**
 * Jobber apps use the authorization-code grant: the contractor connects the app once and gives us its
 * tokens. The access token lives 60 minutes; the worker refreshes it with the refresh token (and the
 * app's client id/secret) and stores both new tokens, as refresh-token rotation requires.
 */
export const jobberCredentialsSchema = z.object({ clientId: text(200), clientSecret: text(500), accessToken: text(4000), refreshToken: text(1000) }).strict();

export type ServiceTitanConfig = z.infer<typeof serviceTitanConfigSchema>;
export type ServiceTitanCredentials = z.infer<typeof serviceTitanCredentialsSchema>;
export type HousecallProConfig = z.infer<typeof housecallProConfigSchema>;
export type HousecallProCredentials = z.infer<typeof housecallProCredentialsSchema>;
export type JobberConfig = z.infer<typeof jobberConfigSchema>;
export type JobberCredentials = z.infer<typeof jobberCredentialsSchema>;

/** A connection's config and credentials, typed by provider. */
export type FsmSettings =
  | { provider: 'servicetitan'; config: ServiceTitanConfig; credentials: ServiceTitanCredentials }
  | { provider: 'housecall_pro'; config: HousecallProConfig; credentials: HousecallProCredentials }
  | { provider: 'jobber'; config: JobberConfig; credentials: JobberCredentials };

/** The schemas of each provider's config and credentials. */
export const PROVIDER_SCHEMAS = {
  servicetitan: { config: serviceTitanConfigSchema, credentials: serviceTitanCredentialsSchema },
  housecall_pro: { config: housecallProConfigSchema, credentials: housecallProCredentialsSchema },
  jobber: { config: jobberConfigSchema, credentials: jobberCredentialsSchema },
} as const;

/** The credential field names of `provider`, in the order the settings form shows them. */
export function credentialFields(provider: FsmProvider): string[] {
  return Object.keys(PROVIDER_SCHEMAS[provider].credentials.shape);
}
