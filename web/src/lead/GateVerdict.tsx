/**
 * What the send gate says about the draft before it goes: "Will send", or why not (opted out, quiet
 * hours until 8:00 AM…). Browser tests read it at `data-testid="gate-verdict"`.
 */
import { Group, Loader, Text } from '@mantine/core';
import { IconBan, IconCheck, IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { MessagePreview } from '../api/types';
import { formatDateTime, humanizeInstants } from '../format/format-time';
import { humanize } from '../format/labels';
import { errorMessage } from './notify';

interface GateVerdictProps {
  hasText: boolean;
  optedOut: boolean;
  preview: MessagePreview | null;
  isCurrent: boolean;
  error: unknown;
}

/** The refusal in words: the gate's detail, else its reason code made readable. */
export function refusalText(preview: Pick<MessagePreview, 'detail' | 'reason' | 'retryAt'>): string {
  const text = preview.detail ? humanizeInstants(preview.detail) : (preview.reason ? humanize(preview.reason) : 'This message would not be sent.');
  return preview.retryAt && !preview.detail ? `${text} (until ${formatDateTime(preview.retryAt)})` : text;
}

function Verdict({ color, icon, children }: { color?: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="gate-verdict" role="status" aria-live="polite">
      {icon}
      <Text size="sm" c={color}>
        {children}
      </Text>
    </Group>
  );
}

export function GateVerdict({ hasText, optedOut, preview, isCurrent, error }: GateVerdictProps) {
  if (!hasText) {
    return optedOut ? (
      <Verdict color="red" icon={<IconBan size={16} color="var(--mantine-color-red-6)" aria-hidden />}>
        This customer opted out of texts: nothing will be sent.
      </Verdict>
    ) : (
      <Verdict color="dimmed" icon={null}>
        Type a message to check it against the texting rules.
      </Verdict>
    );
  }
  if (error && isCurrent) {
    return (
      <Verdict color="yellow.8" icon={<IconAlertTriangle size={16} aria-hidden />}>
        Could not check the send rules ({errorMessage(error)}). The server still checks on send.
      </Verdict>
    );
  }
  if (!isCurrent || !preview) {
    return (
      <Verdict color="dimmed" icon={<Loader size={14} aria-hidden />}>
        Checking…
      </Verdict>
    );
  }
  return preview.allowed ? (
    <Verdict color="green.8" icon={<IconCheck size={16} color="var(--mantine-color-green-7)" aria-hidden />}>
      Will send
    </Verdict>
  ) : (
    <Verdict color="red" icon={<IconBan size={16} color="var(--mantine-color-red-6)" aria-hidden />}>
      {refusalText(preview)}
    </Verdict>
  );
}
