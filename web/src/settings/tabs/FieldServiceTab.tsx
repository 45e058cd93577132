/**
 * Field service: the one system (ServiceTitan, Housecall Pro or Jobber) booked leads are pushed into,
 * when (on booking, or already when a lead asks for a visit), and its credentials. Credentials are
 * write-only: a saved one shows as "saved" and an empty input keeps it. Needs `settings:write` to change.
 */
import { Alert, Center, Group, Loader, PasswordInput, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { FsmConnection, FsmProvider } from '../../api/types';
import { ConfirmButton } from '../components/ConfirmButton';
import { SettingsForm, useCanWriteSettings } from '../components/SettingsForm';
import { PROVIDER_FORMS } from '../fsm/provider-fields';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import { useDraft } from '../use-draft';
import { AUDIT_KEY, notifySaved } from '../use-settings';

export const FSM_KEY = ['settings', 'fsm'] as const;

interface Draft {
  provider: FsmProvider;
  pushOn: 'booked' | 'qualified';
  enabled: boolean;
  config: Record<string, string>;
  /** Only what the person typed: empty keeps the saved value. */
  credentials: Record<string, string>;
}

function draftOf(connection: FsmConnection | null): Draft {
  return {
    provider: connection?.provider ?? 'servicetitan',
    pushOn: connection?.pushOn ?? 'booked',
    enabled: connection?.enabled ?? true,
    config: Object.fromEntries(Object.entries(connection?.config ?? {}).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)])),
    credentials: {},
  };
}

export function FieldServiceTab() {
  const query = useQuery({ queryKey: FSM_KEY, queryFn: () => api.get<{ connection: FsmConnection | null }>('/api/v1/settings/fsm') });
  if (query.isPending) {
    return (
      <Center py="md">
        <Loader aria-label="Loading the field-service connection" />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Alert color="red" title="The field-service connection could not be loaded">
        {summarizeError(query.error)?.message}
      </Alert>
    );
  }
  return <FieldServiceForm connection={query.data.connection} />;
}

function FieldServiceForm({ connection }: { connection: FsmConnection | null }) {
  const qc = useQueryClient();
  const canWrite = useCanWriteSettings();
  const [draft, setDraft] = useDraft(draftOf(connection));
  const [removed, setRemoved] = useState(false);
  const form = PROVIDER_FORMS[draft.provider];
  const sameProvider = connection?.provider === draft.provider;

  const save = useMutation({
    mutationFn: () => {
      // Config keeps only the current provider's fields, numbers stay strings (the server reads ids as digit strings).
      const config = Object.fromEntries(form.config.map((f) => [f.key, draft.config[f.key]?.trim() ?? '']).filter(([, v]) => v !== ''));
      const credentials = Object.fromEntries(Object.entries(draft.credentials).filter(([k, v]) => v.trim() !== '' && form.credentials.some((f) => f.key === k)));
      return api.put<{ connection: FsmConnection }>('/api/v1/settings/fsm', { provider: draft.provider, pushOn: draft.pushOn, enabled: draft.enabled, config, credentials });
    },
    onSuccess: (data) => {
      qc.setQueryData(FSM_KEY, data);
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
      setRemoved(false);
      notifySaved(`${form.label} connection saved.`);
    },
  });
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);

  const remove = async () => {
    try {
      await api.del<unknown>('/api/v1/settings/fsm');
      qc.setQueryData(FSM_KEY, { connection: null });
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
      setRemoved(true);
      notifications.show({ color: 'green', title: 'Removed', message: 'Booked leads are no longer pushed anywhere.' });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Not removed', message: summarizeError(err)?.message });
      throw err;
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Push booked leads into your field-service system. Ringback keeps the booking either way; a push that fails shows on the lead with a Retry button.
      </Text>
      {removed ? <Alert color="gray">The connection was removed.</Alert> : null}
      <SettingsForm onSave={() => save.mutate()} saving={save.isPending} error={save.error} shownInline={(path) => /^(config|credentials)\.\w+$/.test(path)}>
        <Select
          label="System"
          data={Object.entries(PROVIDER_FORMS).map(([value, f]) => ({ value, label: f.label }))}
          value={draft.provider}
          onChange={(value) => value && setDraft((d) => ({ ...d, provider: value as FsmProvider, config: {}, credentials: {} }))}
          allowDeselect={false}
          description={`Ringback creates ${form.creates}.`}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Push a lead
          </Text>
          <SegmentedControl
            aria-label="When to push a lead"
            value={draft.pushOn}
            onChange={(value) => setDraft((d) => ({ ...d, pushOn: value as Draft['pushOn'] }))}
            data={[
              { value: 'booked', label: 'When it is booked' },
              { value: 'qualified', label: 'When it asks for a visit' },
            ]}
          />
        </Stack>
        <Switch label="Pushing is on" checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.currentTarget.checked }))} />
        <Title order={4} size="h5">
          {form.label} settings
        </Title>
        {form.config.map((f) => (
          <TextInput
            key={`${draft.provider}.config.${f.key}`}
            label={f.label}
            description={f.description}
            withAsterisk={f.required}
            value={draft.config[f.key] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, config: { ...d.config, [f.key]: value } }));
            }}
            error={errorAt(`config.${f.key}`)}
          />
        ))}
        <Title order={4} size="h5">
          Credentials
        </Title>
        <Text size="xs" c="dimmed">
          Stored encrypted and never shown again. Leave a saved one empty to keep it.
        </Text>
        {form.credentials.map((f) => {
          const saved = sameProvider && connection?.credentials[f.key] === true;
          return (
            <PasswordInput
              key={`${draft.provider}.credentials.${f.key}`}
              label={f.label}
              description={f.description}
              withAsterisk={f.required && !saved}
              placeholder={saved ? 'Saved' : undefined}
              autoComplete="off"
              value={draft.credentials[f.key] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDraft((d) => ({ ...d, credentials: { ...d.credentials, [f.key]: value } }));
              }}
              error={errorAt(`credentials.${f.key}`)}
            />
          );
        })}
      </SettingsForm>
      {connection && canWrite ? (
        <Group>
          <ConfirmButton title={`Remove the ${PROVIDER_FORMS[connection.provider].label} connection?`} message="Booked leads stop being pushed; pushes still waiting will fail. Ringback keeps every booking." confirmLabel="Remove" onConfirm={remove}>
            Remove connection
          </ConfirmButton>
        </Group>
      ) : null}
    </Stack>
  );
}
