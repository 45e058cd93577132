/** The queue on wide screens: one row per lead; a click (or the caller link) opens the thread. */
import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { QueueItem } from '../api/types';
import { stageLabel } from '../format/labels';
import { LeadBadges } from '../lead/LeadBadges';
import { callerName, callerPhoneIfNamed, sourceName } from './lead-display';
import { NextActionSummary } from './NextActionSummary';

interface QueueTableProps {
  items: QueueItem[];
  names: ReadonlyMap<string, string>;
}

export function QueueTable({ items, names }: QueueTableProps) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Recovery queue">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Caller</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Intent</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Next action</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr
              key={item.id}
              data-testid="queue-row"
              data-lead-id={item.id}
              data-safety={item.safety ? 'true' : undefined}
              style={{ cursor: 'pointer' }}
              bg={item.safety ? 'var(--mantine-color-red-light)' : undefined}
              onClick={(e) => {
                // Let the caller link (and modified clicks on it) do their own thing.
                if ((e.target as HTMLElement).closest('a')) return;
                navigate(`/leads/${item.id}`);
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/leads/${item.id}`} fw={600}>
                  {callerName(item)}
                </Anchor>
                {callerPhoneIfNamed(item) ? (
                  <Text size="xs" c="dimmed">
                    {callerPhoneIfNamed(item)}
                  </Text>
                ) : null}
                {item.lastInbound ? (
                  <Text size="xs" c="dimmed" lineClamp={1} maw={260} title={item.lastInbound.preview}>
                    {item.lastInbound.preview}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{sourceName(item)}</Text>
              </Table.Td>
              <Table.Td>
                <LeadBadges intent={item.intent} safety={item.safety} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{stageLabel(item.stage)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={item.owner ? undefined : 'dimmed'}>
                  {item.owner?.name ?? 'Unassigned'}
                </Text>
              </Table.Td>
              <Table.Td>
                <NextActionSummary nextAction={item.nextAction} overdue={item.overdue} names={names} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
