/**
 * The live countdown to a lead's next action: `due in 12m` until it is due, then `overdue 12m` in red
 * with `data-overdue="true"` (browser tests rely on the attribute).
 */
import { Text, Tooltip } from '@mantine/core';
import { formatDurationMs, formatFullDateTime } from './format-time';
import { useNow } from './use-now';

interface SlaTimerProps {
  dueAt: string;
  /** The server already judged it overdue (e.g. its clock is ahead of ours). */
  overdue?: boolean;
  size?: string;
}

export function SlaTimer({ dueAt, overdue = false, size = 'sm' }: SlaTimerProps) {
  const now = useNow();
  const remainingMs = new Date(dueAt).getTime() - now;
  const isOverdue = overdue || remainingMs <= 0;
  // Under a minute either side of the due time, "due now" reads better than "overdue 0s" or "due in 40s".
  const text = Math.abs(remainingMs) < 60_000 ? 'due now' : isOverdue ? `overdue ${formatDurationMs(-remainingMs)}` : `due in ${formatDurationMs(remainingMs)}`;
  return (
    <Tooltip label={`Due ${formatFullDateTime(dueAt)}`}>
      <Text span size={size} fw={isOverdue ? 700 : 500} c={isOverdue ? 'red' : 'dimmed'} data-overdue={isOverdue ? 'true' : 'false'} data-testid="sla-timer">
        {text}
      </Text>
    </Tooltip>
  );
}
