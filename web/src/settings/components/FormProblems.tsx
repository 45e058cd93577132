import { Alert, List } from '@mantine/core';
import { summarizeError } from '../problem-details';

interface FormProblemsProps {
  /** The failed save's error (an `ApiError` or a network failure), or null. */
  error: unknown;
  /** Whether the form shows a field problem at `path` next to its input; the rest are listed here. */
  shownInline?: (path: string) => boolean;
}

/** Why a save failed: the problem's message, or the field problems no input shows itself. */
export function FormProblems({ error, shownInline = () => false }: FormProblemsProps) {
  const summary = summarizeError(error);
  if (!summary) return null;
  const listed = summary.fields.filter((f) => !shownInline(f.path));
  const inlineOnly = summary.fields.length > 0 && listed.length === 0;
  return (
    <Alert color="red" title="Not saved">
      {summary.fields.length === 0 && summary.message}
      {inlineOnly && 'Fix the marked fields and save again.'}
      {listed.length > 0 && (
        <List size="sm">
          {listed.map((f) => (
            <List.Item key={`${f.path}:${f.message}`}>{f.path ? `${f.path}: ${f.message}` : f.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
