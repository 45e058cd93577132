/**
 * On-call: the rotation pages the first matching shift (primary), then the next matching shift
 * (backup), then the owner; plus who hears about overdue tasks. Saved as `{onCall, overdueNotifyMinutes}`.
 */
import { Button, Divider, Group, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { IntegerInput } from '../components/IntegerInput';
import { SettingsForm, useCanWriteSettings } from '../components/SettingsForm';
import { OverdueNotifyFields } from '../on-call/OverdueNotifyFields';
import { PersonFields } from '../on-call/PersonFields';
import { ShiftFields } from '../on-call/ShiftFields';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import type { SettingsTabProps } from '../SettingsPage';
import { timeZoneOptions } from '../time-zones';
import type { OnCallRotation, OnCallShift } from '../types';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

/** The server's limit of shifts. */
const MAX_SHIFTS = 50;

function shownInline(path: string): boolean {
  return (
    /^onCall\.(timeZone|ackTimeoutMinutes)$/.test(path) ||
    /^onCall\.owner\.(name|phoneE164)$/.test(path) ||
    /^onCall\.shifts\.\d+\.(person\.name|person\.phoneE164|weekdays|start|end)(\.|$)/.test(path) ||
    /^overdueNotifyMinutes(\.\d+)?$/.test(path)
  );
}

export function OnCallTab({ settings }: SettingsTabProps) {
  const readOnly = !useCanWriteSettings();
  const [onCall, setOnCall] = useDraft(settings.policy.onCall);
  const [overdue, setOverdue] = useDraft(settings.policy.overdueNotifyMinutes);
  const save = usePolicySave('On-call saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);
  const set = (patch: Partial<OnCallRotation>) => setOnCall({ ...onCall, ...patch });
  const setShifts = (shifts: OnCallShift[]) => set({ shifts });

  return (
    <SettingsForm onSave={() => save.mutate({ onCall, overdueNotifyMinutes: overdue })} saving={save.isPending} error={save.error} shownInline={shownInline}>
      <Text size="sm" c="dimmed">
        For an emergency Ringback pages the first shift on duty, then the next shift on duty as backup, then the owner, each until someone replies
        1 or ACK.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="On-call time zone"
          description="Shift times are read in this zone."
          data={timeZoneOptions(onCall.timeZone)}
          value={onCall.timeZone}
          onChange={(timeZone) => timeZone && set({ timeZone })}
          error={errorAt('onCall.timeZone')}
          searchable
          allowDeselect={false}
          required
        />
        <IntegerInput
          label="Wait for acknowledgement (minutes)"
          description="Before the next person is paged."
          min={1}
          max={60}
          value={onCall.ackTimeoutMinutes}
          onChange={(ackTimeoutMinutes) => set({ ackTimeoutMinutes })}
          error={errorAt('onCall.ackTimeoutMinutes')}
        />
      </SimpleGrid>

      <Title order={3} size="h4">
        Shifts
      </Title>
      {onCall.shifts.length === 0 && <Text size="sm">No shifts yet: emergencies page only the owner.</Text>}
      <Stack gap="sm">
        {onCall.shifts.map((shift, i) => (
          <ShiftFields
            key={i}
            shift={shift}
            index={i}
            count={onCall.shifts.length}
            onChange={(s) => setShifts(onCall.shifts.map((x, j) => (j === i ? s : x)))}
            onMove={(by) => {
              const next = [...onCall.shifts];
              const [moved] = next.splice(i, 1);
              if (moved) next.splice(i + by, 0, moved);
              setShifts(next);
            }}
            onRemove={() => setShifts(onCall.shifts.filter((_, j) => j !== i))}
            errorAt={(field) => errorAt(`onCall.shifts.${i}.${field}`)}
            readOnly={readOnly}
          />
        ))}
      </Stack>
      {!readOnly && onCall.shifts.length < MAX_SHIFTS && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setShifts([...onCall.shifts, { person: { name: '', phoneE164: '' }, weekdays: [1, 2, 3, 4, 5], start: '17:00', end: '08:00' }])}
          >
            Add shift
          </Button>
        </Group>
      )}

      <Title order={3} size="h4">
        Owner
      </Title>
      <Switch
        label="Page an owner last"
        description="Paged after every shift on duty, whatever the time."
        checked={onCall.owner !== null}
        onChange={(e) => set({ owner: e.currentTarget.checked ? { name: '', phoneE164: '' } : null })}
      />
      {onCall.owner && <PersonFields person={onCall.owner} onChange={(owner) => set({ owner })} who="Owner" errorAt={(f) => errorAt(`onCall.owner.${f}`)} />}

      <Divider />
      <OverdueNotifyFields minutes={overdue} onChange={setOverdue} errorAt={errorAt} readOnly={readOnly} />
    </SettingsForm>
  );
}
