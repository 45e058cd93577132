import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Cadence, CadenceStep } from '../types';
import { COMPLETION_OPTIONS, completionKind, completionOf, type CompletionKind } from './cadence-options';
import { CadenceStepFields } from './CadenceStepFields';

/** The server's limit of steps per cadence. */
const MAX_STEPS = 20;

interface CadenceFieldsProps {
  cadence: Cadence;
  /** Every cadence's id and name, for "move to another cadence". */
  others: ReadonlyArray<{ value: string; label: string }>;
  onChange: (cadence: Cadence) => void;
  /** Field problem at a path (full, e.g. `cadences.missed_call.name`). */
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

/** A step id unique within the cadence (ids are stored with each lead's progress, so old ones are kept). */
function newStepId(steps: readonly CadenceStep[]): string {
  let n = steps.length + 1;
  while (steps.some((s) => s.id === `step_${n}`)) n++;
  return `step_${n}`;
}

/** One cadence: its name, its steps in order, and what happens after the last one. */
export function CadenceFields({ cadence, others, onChange, errorAt, readOnly }: CadenceFieldsProps) {
  const base = `cadences.${cadence.id}`;
  const steps = cadence.steps;
  const setSteps = (next: CadenceStep[]) => onChange({ ...cadence, steps: next });
  const kind = completionKind(cadence.onComplete);
  const moveTargets = others.filter((o) => o.value !== cadence.id);
  const moveTo = 'moveTo' in cadence.onComplete ? cadence.onComplete.moveTo : (moveTargets[0]?.value ?? '');

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4">
            {cadence.name}
          </Title>
          <Text size="sm" c="dimmed">
            {steps.length} {steps.length === 1 ? 'step' : 'steps'}
          </Text>
        </Group>
        <TextInput
          label="Cadence name"
          aria-label={`${cadence.name}: Cadence name`}
          value={cadence.name}
          onChange={(e) => onChange({ ...cadence, name: e.currentTarget.value })}
          error={errorAt(`${base}.name`)}
          maxLength={80}
          required
        />
        {steps.map((step, i) => (
          <CadenceStepFields
            key={step.id}
            step={step}
            index={i}
            count={steps.length}
            cadenceName={cadence.name}
            onChange={(s) => setSteps(steps.map((x, j) => (j === i ? s : x)))}
            onMove={(by) => {
              const next = [...steps];
              const [moved] = next.splice(i, 1);
              if (moved) next.splice(i + by, 0, moved);
              setSteps(next);
            }}
            onRemove={() => setSteps(steps.filter((_, j) => j !== i))}
            errorAt={(field) => errorAt(`${base}.steps.${i}.${field}`)}
            readOnly={readOnly}
          />
        ))}
        {!readOnly && steps.length < MAX_STEPS && (
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              aria-label={`Add a step to ${cadence.name}`}
              onClick={() =>
                setSteps([...steps, { id: newStepId(steps), delayMinutes: 60 * 24, channel: 'sms', template: '', timing: 'business_hours_only' }])
              }
            >
              Add step
            </Button>
          </Group>
        )}
        <Select
          label="After the last step"
          aria-label={`${cadence.name}: After the last step`}
          data={COMPLETION_OPTIONS.filter((o) => o.value !== 'moveTo' || moveTargets.length > 0)}
          value={kind}
          onChange={(value) => value && onChange({ ...cadence, onComplete: completionOf(value as CompletionKind, moveTo) })}
          error={errorAt(`${base}.onComplete`)}
          allowDeselect={false}
        />
        {kind === 'moveTo' && (
          <Select
            label="Next cadence"
            aria-label={`${cadence.name}: Next cadence`}
            data={moveTargets}
            value={moveTo}
            onChange={(value) => value && onChange({ ...cadence, onComplete: { moveTo: value } })}
            allowDeselect={false}
          />
        )}
      </Stack>
    </Card>
  );
}
