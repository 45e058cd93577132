/**
 * Profile & hours: the organization's name and time zone (`PATCH /api/v1/settings/profile`), the
 * business name customers see, contact number, booking link, voice triage and the business calendar
 * (`PATCH /api/v1/settings/policy`). One Save sends the profile first (when it changed), then the policy.
 */
import { Divider, Select, Switch, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { SettingsForm, useCanWriteSettings } from '../components/SettingsForm';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import { BlackoutDatesField } from '../profile/BlackoutDatesField';
import { BusinessHoursFields } from '../profile/BusinessHoursFields';
import { HolidaysFields } from '../profile/HolidaysFields';
import type { SettingsTabProps } from '../SettingsPage';
import { timeZoneOptions } from '../time-zones';
import type { OrganizationPolicy, OrganizationProfile, PolicyPatch, SettingsResponse } from '../types';
import { useDraft } from '../use-draft';
import { AUDIT_KEY, SETTINGS_KEY, notifySaved } from '../use-settings';

/** The field problems this form shows next to an input; any other is listed above Save. */
function shownInline(path: string): boolean {
  return (
    /^(name|timeZone|businessName|contactNumberE164|bookingLink|voiceTriage)$/.test(path) ||
    /^calendar\.hours\.\d\.\d+\.(open|close)$/.test(path) ||
    /^calendar\.(blackoutDates|holidays|timeZone)(\.|$)/.test(path)
  );
}

export function ProfileTab({ settings }: SettingsTabProps) {
  const readOnly = !useCanWriteSettings();
  const qc = useQueryClient();
  const [profile, setProfile] = useDraft(settings.organization);
  const [policy, setPolicy] = useDraft(settings.policy);

  const save = useMutation({
    mutationFn: async (input: { profile: OrganizationProfile; policy: OrganizationPolicy }) => {
      const saved = settings.organization;
      const profilePatch: Partial<Pick<OrganizationProfile, 'name' | 'timeZone'>> = {};
      if (input.profile.name !== saved.name) profilePatch.name = input.profile.name;
      if (input.profile.timeZone !== saved.timeZone) profilePatch.timeZone = input.profile.timeZone;
      if (Object.keys(profilePatch).length > 0) {
        await api.patch<unknown>('/api/v1/settings/profile', profilePatch);
        qc.setQueryData<SettingsResponse>(SETTINGS_KEY, (old) => (old ? { ...old, organization: { ...old.organization, ...profilePatch } } : old));
      }
      const policyPatch: PolicyPatch = {
        businessName: input.policy.businessName,
        contactNumberE164: input.policy.contactNumberE164,
        bookingLink: input.policy.bookingLink,
        voiceTriage: input.policy.voiceTriage,
        // The office hours are read in the organization's zone.
        calendar: { ...input.policy.calendar, timeZone: input.profile.timeZone },
      };
      return api.patch<{ policy: OrganizationPolicy }>('/api/v1/settings/policy', policyPatch);
    },
    onSuccess: ({ policy: saved }) => {
      qc.setQueryData<SettingsResponse>(SETTINGS_KEY, (old) => (old ? { ...old, policy: saved } : old));
      notifySaved('Profile and hours saved.');
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: SETTINGS_KEY, exact: true });
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
    },
  });

  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);
  const calendar = policy.calendar;
  const setCalendar = (patch: Partial<OrganizationPolicy['calendar']>) => setPolicy((p) => ({ ...p, calendar: { ...p.calendar, ...patch } }));

  return (
    <SettingsForm
      onSave={() => save.mutate({ profile, policy })}
      saving={save.isPending}
      error={save.error}
      shownInline={shownInline}
    >
      <Title order={3} size="h4">
        Business profile
      </Title>
      <TextInput
        label="Organization name"
        description="Your company as your team sees it in Ringback."
        value={profile.name}
        onChange={(e) => setProfile({ ...profile, name: e.currentTarget.value })}
        error={errorAt('name')}
        required
      />
      <TextInput
        label="Business name"
        description="The name customers know; every first text names it ({business} in templates)."
        value={policy.businessName}
        onChange={(e) => setPolicy({ ...policy, businessName: e.currentTarget.value })}
        error={errorAt('businessName')}
        required
        maxLength={80}
      />
      <Select
        label="Time zone"
        description="Business hours, holidays and on-call shifts are read in this zone."
        data={timeZoneOptions(profile.timeZone)}
        value={profile.timeZone}
        onChange={(timeZone) => timeZone && setProfile({ ...profile, timeZone })}
        error={errorAt('timeZone') ?? errorAt('calendar.timeZone')}
        searchable
        allowDeselect={false}
        nothingFoundMessage="No such time zone"
        required
      />
      <TextInput
        label="Contact number"
        description="The number customers can call for help, given in HELP replies ({contactNumber})."
        type="tel"
        autoComplete="tel"
        value={policy.contactNumberE164}
        onChange={(e) => setPolicy({ ...policy, contactNumberE164: e.currentTarget.value })}
        error={errorAt('contactNumberE164')}
        required
      />
      <TextInput
        label="Booking link"
        description="Your online booking page ({bookingLink}); leave blank until you have one."
        type="url"
        placeholder="https://"
        value={policy.bookingLink ?? ''}
        onChange={(e) => setPolicy({ ...policy, bookingLink: e.currentTarget.value.trim() === '' ? null : e.currentTarget.value })}
        error={errorAt('bookingLink')}
      />
      <Switch
        label="Voice triage"
        description='Ask callers to press 1 or say "emergency" before voicemail.'
        checked={policy.voiceTriage}
        onChange={(e) => setPolicy({ ...policy, voiceTriage: e.currentTarget.checked })}
        error={errorAt('voiceTriage')}
      />

      <Divider />
      <Title order={3} size="h4">
        Hours and closed days
      </Title>
      <BusinessHoursFields hours={calendar.hours} onChange={(hours) => setCalendar({ hours })} errorAt={errorAt} readOnly={readOnly} />
      <HolidaysFields holidays={calendar.holidays} onChange={(holidays) => setCalendar({ holidays })} errorAt={errorAt} />
      <BlackoutDatesField dates={calendar.blackoutDates} onChange={(blackoutDates) => setCalendar({ blackoutDates })} errorAt={errorAt} readOnly={readOnly} />
    </SettingsForm>
  );
}
