import { ActionIcon, Button, Group, Paper, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { IntegerInput } from '../components/IntegerInput';
import type { CapacityPool } from '../types';

/** The server's limits (`policy-schema.ts`). */
const MAX_POOLS = 50;
const MAX_CAPACITY = 500;

interface CapacityPoolsFieldsProps {
  pools: CapacityPool[];
  onChange: (pools: CapacityPool[]) => void;
  /** Field problem at a path under `availability.capacityPools` (e.g. `availability.capacityPools.0.name`). */
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

/**
 * Capacity per business unit or job type: bookings of the listed job types count only against their
 * pool (e.g. one plumber: "Plumbing", capacity 1), everything else against the shared capacity. A job
 * type belongs to the first pool that lists it; names must differ.
 */
export function CapacityPoolsFields({ pools, onChange, errorAt, readOnly }: CapacityPoolsFieldsProps) {
  const update = (i: number, patch: Partial<CapacityPool>) => onChange(pools.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Stack gap="xs">
      <div>
        <Text fw={500}>Capacity by business unit or job type</Text>
        <Text size="sm" c="dimmed">
          Optional. Give a trade its own number of trucks per window; job types not listed share the capacity above.
        </Text>
      </div>
      {pools.length === 0 && (
        <Text size="sm" c="dimmed">
          None: every booking shares one capacity.
        </Text>
      )}
      {pools.map((pool, i) => {
        const label = pool.name.trim() || `pool ${i + 1}`;
        const at = `availability.capacityPools.${i}`;
        return (
          <Paper key={i} withBorder p="xs">
            <Stack gap="xs">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label="Name"
                  placeholder="Plumbing"
                  value={pool.name}
                  onChange={(e) => update(i, { name: e.currentTarget.value })}
                  error={errorAt(`${at}.name`)}
                  required
                  maxLength={80}
                  style={{ flex: 2 }}
                />
                <IntegerInput
                  label="Per window"
                  aria-label={`Capacity of ${label}`}
                  value={pool.capacity}
                  onChange={(capacity) => update(i, { capacity })}
                  error={errorAt(`${at}.capacity`)}
                  min={0}
                  max={MAX_CAPACITY}
                  style={{ flex: 1 }}
                />
                {!readOnly && (
                  <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Remove ${label}`} onClick={() => onChange(pools.filter((_, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
              <TagsInput
                label="Job types"
                description="As bookings name them; press Enter after each."
                placeholder={pool.jobTypes.length === 0 ? 'Drain cleaning' : undefined}
                aria-label={`Job types of ${label}`}
                value={pool.jobTypes}
                onChange={(jobTypes) => update(i, { jobTypes })}
                error={errorAt(`${at}.jobTypes`)}
                splitChars={[',']}
                clearable
              />
            </Stack>
          </Paper>
        );
      })}
      {!readOnly && pools.length < MAX_POOLS && (
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...pools, { name: '', jobTypes: [], capacity: 1 }])}>
            Add capacity pool
          </Button>
        </Group>
      )}
    </Stack>
  );
}
