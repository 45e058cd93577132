import { ActionIcon, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { IntegerInput } from '../components/IntegerInput';
import { formatMinutes } from '../format';
import type { CadenceStep } from '../types';
import { CHANNEL_OPTIONS, TIMING_OPTIONS, timingKind, timingOf, timingTime, type TimingKind } from './cadence-options';

/** The server's longest wait between steps: 90 days. */
const MAX_DELAY_MINUTES = 60 * 24 * 90;

interface CadenceStepFieldsProps {
  step: CadenceStep;
  /** 0-based position; shown 1-based. */
  index: number;
  count: number;
  cadenceName: string;
  onChange: (step: CadenceStep) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Field problem under this step's path (`cadences.<id>.steps.<i>.…`). */
  errorAt: (field: string) => string | undefined;
  readOnly: boolean;
}

/** One follow-up step: wait, action, message text or task title, and when it may happen. */
export function CadenceStepFields({ step, index, count, cadenceName, onChange, onMove, onRemove, errorAt, readOnly }: CadenceStepFieldsProps) {
  const n = index + 1;
  const name = `${cadenceName} step ${n}`;
  const kind = timingKind(step.timing);
  const at = timingTime(step.timing);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500}>Step {n}</Text>
          {!readOnly && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="subtle" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(-1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${name}`} disabled={count === 1} onClick={onRemove}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <IntegerInput
            label="Wait (minutes)"
            aria-label={`${name}: Wait (minutes)`}
            description={`${formatMinutes(step.delayMinutes)} after ${index === 0 ? 'the lead starts this cadence' : 'the previous step'}`}
            min={0}
            max={MAX_DELAY_MINUTES}
            value={step.delayMinutes}
            onChange={(delayMinutes) => onChange({ ...step, delayMinutes })}
            error={errorAt('delayMinutes')}
          />
          <Select
            label="Action"
            aria-label={`${name}: Action`}
            data={CHANNEL_OPTIONS}
            value={step.channel}
            onChange={(channel) => channel && onChange({ ...step, channel: channel as CadenceStep['channel'] })}
            error={errorAt('channel')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Textarea
          label={step.channel === 'sms' ? 'Message' : 'Task title'}
          aria-label={`${name}: ${step.channel === 'sms' ? 'Message' : 'Task title'}`}
          description={
            step.channel === 'sms'
              ? 'The text itself (with {business}, {contactNumber}, {bookingLink}) or a template name such as bookingOffer.'
              : 'What the person doing the call-back sees.'
          }
          value={step.template}
          onChange={(e) => onChange({ ...step, template: e.currentTarget.value })}
          error={errorAt('template')}
          autosize
          minRows={2}
          maxLength={640}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: at === null ? 1 : 2 }} spacing="xs">
          <Select
            label="When"
            aria-label={`${name}: When`}
            data={TIMING_OPTIONS.map(({ value, label }) => ({ value, label }))}
            description={TIMING_OPTIONS.find((o) => o.value === kind)?.explanation}
            value={kind}
            onChange={(value) => value && onChange({ ...step, timing: timingOf(value as TimingKind, step.timing) })}
            error={errorAt('timing')}
            allowDeselect={false}
          />
          {at !== null && (
            <TimeInput
              label="At"
              aria-label={`${name}: At`}
              value={at}
              onChange={(e) =>
                onChange({ ...step, timing: kind === 'nextBusinessDayAt' ? { nextBusinessDayAt: e.currentTarget.value } : { firstBusinessDayAt: e.currentTarget.value } })
              }
              required
            />
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
