/**
 * Reads an API failure into what a form shows: the problem's human message and its field problems.
 * Validation problems (400) carry `errors: [{path, message}]` (contract); paths are dotted
 * (`calendar.hours.1.0.open`). A JSON-pointer path (`/calendar/hours/1`) is read the same way, and a
 * problem that only lists `problems: ["path: message"]` strings is split on the first ": ".
 */
import { ApiError } from '../api/client';

export interface FieldProblem {
  /** Dotted path into the request body, e.g. `cadences.missed_call.steps.0.delayMinutes`; '' for the whole body. */
  path: string;
  message: string;
}

export interface ProblemSummary {
  message: string;
  fields: FieldProblem[];
}

/** The summary of `error`, or null when there is none. */
export function summarizeError(error: unknown): ProblemSummary | null {
  if (!error) return null;
  if (error instanceof ApiError) {
    const p = error.problem;
    const text = typeof p.message === 'string' ? p.message : undefined; // better-auth answers `{message}`
    return { message: p.detail ?? text ?? p.title ?? error.message, fields: fieldProblemsOf(p) };
  }
  if (error instanceof TypeError) return { message: 'Could not reach Ringback. Check your connection and try again.', fields: [] };
  return { message: error instanceof Error ? error.message : String(error), fields: [] };
}

function fieldProblemsOf(problem: ApiError['problem']): FieldProblem[] {
  if (Array.isArray(problem.errors)) {
    return problem.errors.map((e) => ({ path: normalizePath(String(e.path ?? '')), message: String(e.message ?? '') }));
  }
  const listed = problem.problems;
  if (Array.isArray(listed)) {
    return listed
      .filter((p): p is string => typeof p === 'string')
      .map((p) => {
        const at = p.indexOf(': ');
        return at < 0 ? { path: '', message: p } : { path: normalizePath(p.slice(0, at)), message: p.slice(at + 2) };
      });
  }
  return [];
}

function normalizePath(path: string): string {
  const dotted = path.startsWith('/') ? path.slice(1).replaceAll('/', '.') : path;
  return dotted === '(policy)' || dotted === '(root)' ? '' : dotted.replace(/^body\./, '');
}

/**
 * A lookup of field problems by path: `at('calendar.hours.1')` joins the messages at that path and
 * under it, or gives undefined when there are none (Mantine's `error` prop then shows nothing).
 */
export function fieldErrorLookup(fields: readonly FieldProblem[]): (path: string) => string | undefined {
  return (path) => {
    const messages = fields.filter((f) => f.path === path || f.path.startsWith(`${path}.`)).map((f) => f.message);
    return messages.length > 0 ? messages.join('; ') : undefined;
  };
}
