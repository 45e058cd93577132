/** A text message as a chat bubble: the customer's on the left, ours on the right with its delivery state. */
import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import type { LeadMessage } from '../api/types';
import { humanize } from '../format/labels';
import { EntryMeta } from './EntryMeta';

const STATUS_COLORS: Record<string, string> = {
  queued: 'gray',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  undelivered: 'red',
  blocked: 'red',
};

function sender(m: LeadMessage): string {
  if (m.direction === 'inbound') return 'Customer';
  if (m.automated) return `Automation · ${humanize(m.purpose)}`;
  return m.purpose === 'manual' ? 'Team' : humanize(m.purpose);
}

export function MessageBubble({ message }: { message: LeadMessage }) {
  const outbound = message.direction === 'outbound';
  return (
    <Box
      data-testid="message"
      data-direction={message.direction}
      data-status={message.status}
      style={{ display: 'flex', flexDirection: 'column', alignItems: outbound ? 'flex-end' : 'flex-start' }}
    >
      <Paper
        px="sm"
        py={6}
        radius="lg"
        maw="85%"
        bg={outbound ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-1)'}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        <Text size="sm">{message.body}</Text>
      </Paper>
      <Group gap={6} mt={2} justify={outbound ? 'flex-end' : 'flex-start'}>
        <EntryMeta at={message.createdAt} who={sender(message)} align={outbound ? 'right' : 'left'} />
        {outbound ? (
          <Badge size="xs" variant="light" color={STATUS_COLORS[message.status] ?? 'gray'} data-testid="delivery-state">
            {humanize(message.status)}
            {message.errorCode ? ` · error ${message.errorCode}` : ''}
          </Badge>
        ) : null}
      </Group>
    </Box>
  );
}
