/**
 * The settings API (issue 5): profile, policy, numbers, audit log and API keys. Reads need
 * `settings:read`, changes `settings:write` (each audited with the caller as actor), the audit log
 * `audit:read`, keys `api_keys:manage`. Validation failures are 400 problems with `errors: [{path, message}]`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../app/api-keys.ts';
import { updateOrganizationPolicy } from '../../../app/organizations.ts';
import { addNumber, deleteNumber, getSettings, listAudit, parseInput, updateNumber, updateProfile } from '../../../app/settings.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess } from './access.ts';

const security = [{ apiKey: [] }];
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } as const;
const numberSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    e164: { type: 'string', description: 'E.164' },
    forwardTo: { type: 'array', items: { type: 'string', description: 'E.164' } },
    leadSource: { type: ['string', 'null'] },
    dialTimeoutSeconds: { type: 'integer', minimum: 5, maximum: 60 },
  },
} as const;
const numberBody = {
  type: 'object',
  properties: {
    e164: { type: 'string', description: 'any format libphonenumber reads; stored as E.164' },
    forwardTo: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 10 },
    leadSource: { type: ['string', 'null'], maxLength: 80 },
    dialTimeoutSeconds: { type: 'integer', minimum: 5, maximum: 60, default: 20 },
  },
} as const;
const settingsSchema = {
  type: 'object',
  properties: {
    organization: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, timeZone: { type: 'string' } } },
    policy: { type: 'object', additionalProperties: true, description: 'OrganizationPolicy (src/core/lead/policy.ts)' },
    numbers: { type: 'array', items: numberSchema },
  },
} as const;
/** zod validates bodies (with field paths); the JSON schemas document them. */
const docsOnly = { validatorCompiler: () => () => true, config: { rateLimit: {} } } as const;

const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();
const idOf = (request: { params: unknown }) => (request.params as { id: string }).id;

/** Registers `/api/v1/settings*`. */
export function registerSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get('/api/v1/settings', { schema: { summary: "The organization's profile, policy and phone numbers", security, response: { 200: settingsSchema } }, ...docsOnly }, async (request) => {
    const access = await requireAccess(ctx, request, 'settings:read');
    return getSettings(db, access.org.id);
  });

  app.patch(
    '/api/v1/settings/policy',
    {
      schema: {
        summary: 'Change policy fields (hours, templates, cadences, routing, on-call, service area, FAQ…); validated and audited per field',
        security,
        body: { type: 'object', additionalProperties: true, description: 'top-level OrganizationPolicy fields to replace (routing, templates and templatesEs merge key by key); timeZone changes through the profile' },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'settings:write');
      return { policy: await updateOrganizationPolicy(db, access.org.id, request.body ?? {}, access.actor) };
    },
  );

  app.patch(
    '/api/v1/settings/profile',
    {
      schema: {
        summary: "Change the organization's name or IANA time zone (audited; the policy's time zone follows)",
        security,
        body: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 120 }, timeZone: { type: 'string', description: 'IANA, e.g. America/Chicago' } } },
        response: { 200: settingsSchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'settings:write');
      return updateProfile(db, access.org.id, request.body ?? {}, access.actor);
    },
  );

  app.post(
    '/api/v1/settings/numbers',
    { schema: { summary: 'Add a tracking number (409 when any organization has it already; audited)', security, body: { ...numberBody, required: ['e164', 'forwardTo'] }, response: { 201: numberSchema } }, ...docsOnly },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'settings:write');
      return reply.code(201).send(await addNumber(db, access.org.id, request.body ?? {}, access.actor));
    },
  );

  app.patch(
    '/api/v1/settings/numbers/:id',
    { schema: { summary: "Change a number's E.164, forward-to numbers, lead source or dial timeout (audited)", security, params: idParams, body: numberBody, response: { 200: numberSchema } }, ...docsOnly },
    async (request) => {
      const access = await requireAccess(ctx, request, 'settings:write');
      return updateNumber(db, access.org.id, idOf(request), request.body ?? {}, access.actor);
    },
  );

  app.delete(
    '/api/v1/settings/numbers/:id',
    { schema: { summary: 'Remove a number (409 for the last one; audited)', security, params: idParams }, ...docsOnly },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'settings:write');
      await deleteNumber(db, access.org.id, idOf(request), access.actor);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/settings/audit',
    {
      schema: {
        summary: 'The settings audit log, newest first: who changed which field, when, before → after',
        security,
        querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 } } },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                actor: { type: 'string', description: 'user:<id>, api_key:<prefix>, cli…' },
                actorName: { type: ['string', 'null'] },
                field: { type: 'string' },
                before: {},
                after: {},
                at: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'audit:read');
      const { limit } = parseInput(auditQuery, request.query);
      return listAudit(db, access.org.id, { limit });
    },
  );

  const keySummary = { type: 'object', properties: { id: { type: 'string' }, prefix: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, revokedAt: { type: ['string', 'null'], format: 'date-time' } } } as const;

  app.get('/api/v1/settings/api-keys', { schema: { summary: "The organization's API keys (prefixes only), newest first", response: { 200: { type: 'array', items: keySummary } } }, ...docsOnly }, async (request) => {
    const access = await requireAccess(ctx, request, 'api_keys:manage');
    return listApiKeys(db, access.org.id);
  });

  app.post(
    '/api/v1/settings/api-keys',
    {
      schema: {
        summary: 'Create an API key; the key is in this answer only (stored as a hash)',
        response: { 201: { type: 'object', properties: { id: { type: 'string' }, key: { type: 'string' }, prefix: { type: 'string' } } } },
      },
      ...docsOnly,
    },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'api_keys:manage');
      return reply.code(201).header('cache-control', 'no-store').send(await createApiKey(db, access.org.id, access.actor, ctx.clock()));
    },
  );

  app.delete(
    '/api/v1/settings/api-keys/:id',
    { schema: { summary: 'Revoke an API key (requests with it get 401 from now on)', params: idParams, response: { 200: keySummary } }, ...docsOnly },
    async (request) => {
      const access = await requireAccess(ctx, request, 'api_keys:manage');
      return revokeApiKey(db, access.org.id, idOf(request), access.actor, ctx.clock());
    },
  );
}
