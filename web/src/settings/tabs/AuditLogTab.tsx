/** Audit log (needs `audit:read`): every settings change, newest first: who, when, which field, what changed. */
import { Alert, Box, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { AuditDiff } from '../audit/AuditDiff';
import { formatInstant } from '../format';
import { summarizeError } from '../problem-details';
import type { AuditEntry } from '../types';
import { AUDIT_KEY } from '../use-settings';

/** `user:<id>` / `api_key:<prefix>` / `system` as a person reads it. */
function actorLabel(entry: AuditEntry): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actor.startsWith('api_key:')) return `API key ${entry.actor.slice('api_key:'.length)}…`;
  return entry.actor;
}

export function AuditLogTab() {
  const audit = useQuery({ queryKey: AUDIT_KEY, queryFn: () => api.get<AuditEntry[]>('/api/v1/settings/audit') });
  if (audit.isPending) {
    return (
      <Center py="md">
        <Loader aria-label="Loading the audit log" />
      </Center>
    );
  }
  if (audit.isError) {
    return (
      <Alert color="red" title="The audit log could not be loaded">
        {summarizeError(audit.error)?.message}
      </Alert>
    );
  }
  if (audit.data.length === 0) return <Text>No settings changes yet.</Text>;
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Settings changes, newest first">
      {audit.data.map((entry) => (
        <Paper key={entry.id} component="li" withBorder p="sm" data-testid="audit-entry">
          <Group gap="xs" justify="space-between" align="baseline">
            <Text size="sm" fw={600} ff="monospace">
              {entry.field}
            </Text>
            <Text size="xs" c="dimmed">
              {actorLabel(entry)} · <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
            </Text>
          </Group>
          <Box mt={6}>
            <AuditDiff before={entry.before} after={entry.after} />
          </Box>
        </Paper>
      ))}
    </Stack>
  );
}
