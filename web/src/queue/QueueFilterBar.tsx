/** The queue's filters: stage, intent, urgency, owner, source, status, date range and "overdue only". */
import { Button, Group, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { intentOptions, stageOptions } from '../format/labels';
import { useTeamMembers } from '../lead/use-team-members';
import { hasFilters, type QueueFilters } from './queue-filters';
import { SourceFilter } from './SourceFilter';

interface QueueFilterBarProps {
  filters: QueueFilters;
  onChange: (patch: Partial<QueueFilters>) => void;
  onClear: () => void;
}

const URGENCY_OPTIONS = [
  { value: 'emergency', label: 'Emergencies' },
  { value: 'normal', label: 'Not urgent' },
];
const STATUS_OPTIONS = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
];

export function QueueFilterBar({ filters, onChange, onClear }: QueueFilterBarProps) {
  const { members } = useTeamMembers();
  const ownerOptions = [
    { value: 'me', label: 'Me' },
    { value: 'none', label: 'Unassigned' },
    ...members.map((m) => ({ value: m.userId, label: m.name || m.email })),
  ];
  const select = (key: 'stage' | 'intent' | 'urgency' | 'owner' | 'status') => ({
    value: filters[key] || null,
    onChange: (v: string | null) => onChange({ [key]: v ?? '' }),
    clearable: true,
    comboboxProps: { withinPortal: true },
  });

  return (
    <form role="search" aria-label="Queue filters" onSubmit={(e) => e.preventDefault()}>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" verticalSpacing="xs">
        <Select label="Stage" placeholder="Any stage" data={stageOptions} {...select('stage')} />
        <Select label="Intent" placeholder="Any intent" data={intentOptions} {...select('intent')} />
        <Select label="Urgency" placeholder="Any" data={URGENCY_OPTIONS} {...select('urgency')} />
        <Select label="Owner" placeholder="Anyone" data={ownerOptions} searchable {...select('owner')} />
        <SourceFilter value={filters.source} onChange={(source) => onChange({ source })} />
        <Select label="Status" placeholder="Open" data={STATUS_OPTIONS} {...select('status')} />
        <TextInput label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => onChange({ from: e.currentTarget.value })} />
        <TextInput label="To" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => onChange({ to: e.currentTarget.value })} />
      </SimpleGrid>
      <Group mt="xs" justify="space-between">
        <Switch label="Overdue only" checked={filters.overdue} onChange={(e) => onChange({ overdue: e.currentTarget.checked })} />
        {hasFilters(filters) ? (
          <Button variant="subtle" size="xs" onClick={onClear}>
            Clear filters
          </Button>
        ) : null}
      </Group>
    </form>
  );
}
