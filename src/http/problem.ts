import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../errors.ts';

/** An RFC 9457 problem document, as Ringback answers every error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [extra: string]: unknown;
}

/** Builds the problem document for `code`. */
export function problem(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  const { status, title } = ERROR_CATALOGUE[code];
  return { type: `https://ringback.dev/errors/${code}`, title, status, detail, code, ...extra };
}

/** Sends a problem document with `application/problem+json`. */
export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/**
 * The one error handler: domain errors and anything below 500 keep their status and reason; zod
 * failures become 400 with field paths; everything else is a 500 that says only
 * "Internal Server Error" and is logged with the request id (never leak database details).
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return sendProblem(reply, problem(error.code, error.detail, error.extra));
  if (error instanceof ZodError) {
    const problems = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return sendProblem(reply, problem('RB_ERR_VALIDATION', problems.map((p) => `${p.path || '(body)'}: ${p.message}`).join('; '), { problems, errors: problems }));
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 415) return sendProblem(reply, problem('RB_ERR_UNSUPPORTED_MEDIA_TYPE', error.message));
  if (status === 403) return sendProblem(reply, problem('RB_ERR_FORBIDDEN', error.message));
  if (status === 429) return sendProblem(reply, problem('RB_ERR_RATE_LIMITED', error.message));
  if (status >= 400 && status < 500) {
    return sendProblem(reply, { ...problem('RB_ERR_VALIDATION', error.message), status });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem('RB_ERR_INTERNAL', `See the server log for request ${request.id}.`));
}
