/** Service area: the 5-digit ZIP codes served; an empty list serves everywhere. */
import { Text, TagsInput } from '@mantine/core';
import { useState } from 'react';
import { SettingsForm } from '../components/SettingsForm';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import type { SettingsTabProps } from '../SettingsPage';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

const ZIP = /^\d{5}$/;

export function ServiceAreaTab({ settings }: SettingsTabProps) {
  const [zips, setZips] = useDraft(settings.policy.serviceAreaZips);
  const [rejected, setRejected] = useState<string[]>([]);
  const save = usePolicySave('Service area saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);
  const clientError = rejected.length > 0 ? `Not a 5-digit ZIP code: ${rejected.join(', ')}` : undefined;

  return (
    <SettingsForm
      onSave={() => save.mutate({ serviceAreaZips: zips })}
      saving={save.isPending}
      error={save.error}
      shownInline={(path) => /^serviceAreaZips(\.\d+)?$/.test(path)}
    >
      <TagsInput
        label="ZIP codes"
        description="Type or paste 5-digit ZIP codes (Enter, comma or space between them). Leave empty to serve everywhere."
        placeholder="78701"
        value={zips}
        onChange={(values) => {
          const trimmed = values.map((v) => v.trim());
          setRejected(trimmed.filter((v) => !ZIP.test(v)));
          setZips([...new Set(trimmed.filter((v) => ZIP.test(v)))]);
        }}
        splitChars={[',', ' ', ';']}
        error={clientError ?? errorAt('serviceAreaZips')}
        clearable
        inputMode="numeric"
      />
      <Text size="sm" c="dimmed">
        {zips.length === 0
          ? 'No restriction: every customer is in your area.'
          : `${zips.length} ZIP ${zips.length === 1 ? 'code' : 'codes'}. Customers elsewhere get the out-of-area reply.`}
      </Text>
    </SettingsForm>
  );
}
