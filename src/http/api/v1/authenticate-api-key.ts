import type { FastifyRequest } from 'fastify';
import { authenticateApiKey, type OrganizationRow } from '../../../app/organizations.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';

/** Resolves `Authorization: Bearer <apiKey>` to its organization. Throws `AppError(RB_ERR_UNAUTHENTICATED)`. */
export async function requireOrganization(ctx: AppContext, request: FastifyRequest): Promise<OrganizationRow> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('RB_ERR_UNAUTHENTICATED', 'Send Authorization: Bearer <apiKey>.');
  const org = await authenticateApiKey(ctx.database.db, match[1]);
  if (!org) throw new AppError('RB_ERR_UNAUTHENTICATED', 'The API key is unknown or revoked.');
  return org;
}
