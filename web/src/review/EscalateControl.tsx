/**
 * Escalating to an owner, only when needed: pick the owner and the lead's next action becomes
 * "escalate", assigned to them (saved with "Next lead").
 */
import { Button, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { TeamMember } from '../api/types';

interface EscalateControlProps {
  members: readonly TeamMember[];
  /** The owner escalated to, or null. */
  escalatedTo: string | null;
  onEscalate: (ownerId: string) => void;
  onUndo: () => void;
}

/** Owners; an organization without one listed falls back to its managers. */
function escalationTargets(members: readonly TeamMember[]): TeamMember[] {
  const owners = members.filter((m) => m.role === 'owner');
  return owners.length > 0 ? owners : members.filter((m) => m.role === 'manager');
}

export function EscalateControl({ members, escalatedTo, onEscalate, onUndo }: EscalateControlProps) {
  const targets = escalationTargets(members);
  const [ownerId, setOwnerId] = useState<string | null>(targets.length === 1 ? targets[0]!.userId : null);
  const chosen = ownerId ?? targets[0]?.userId ?? null;

  if (escalatedTo) {
    const name = members.find((m) => m.userId === escalatedTo)?.name ?? 'the owner';
    return (
      <Group gap="xs">
        <Text size="sm">Will escalate to {name} when you go to the next lead.</Text>
        <Button variant="subtle" size="xs" onClick={onUndo}>
          Undo escalation
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" align="flex-end">
      <Select
        label="Escalate to"
        placeholder={targets.length ? 'Pick an owner' : 'No owner on the team'}
        data={targets.map((m) => ({ value: m.userId, label: m.name || m.email }))}
        value={chosen}
        allowDeselect={false}
        onChange={setOwnerId}
        w={{ base: '100%', xs: 220 }}
        comboboxProps={{ withinPortal: true }}
      />
      <Button variant="light" color="orange" disabled={!chosen} onClick={() => chosen && onEscalate(chosen)}>
        Escalate to owner
      </Button>
    </Group>
  );
}
