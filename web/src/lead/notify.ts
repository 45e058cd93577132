/** Success and failure toasts for lead actions (Mantine notifications). */
import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import { humanizeInstants } from '../format/format-time';

/** The words to show for a failed request: the problem's `detail`, its field errors, or its title. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.problem.errors?.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    return humanizeInstants(err.problem.detail ?? fields ?? err.problem.title ?? err.message);
  }
  return err instanceof Error ? err.message : String(err);
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 4000 });
}

export function notifyFailure(title: string, err: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(err), autoClose: 8000 });
}
