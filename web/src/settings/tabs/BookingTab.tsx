/**
 * Booking: when customers may book (arrival windows per weekday, bookings per window and per business
 * unit or job type, lead time, horizon, hold time, blackout dates and holidays) and the reminder texts
 * before a visit. Saved together as `{availability, bookingReminders}` through
 * `PATCH /api/v1/settings/policy`; beside the form, the next openings as customers see them.
 */
import { Divider, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ArrivalWindowsFields } from '../booking/ArrivalWindowsFields';
import { BookingLimitsFields } from '../booking/BookingLimitsFields';
import { BookingRemindersFields } from '../booking/BookingRemindersFields';
import { CapacityPoolsFields } from '../booking/CapacityPoolsFields';
import { OPENINGS_PREVIEW_KEY, OpeningsPreview } from '../booking/OpeningsPreview';
import { SettingsForm, useCanWriteSettings } from '../components/SettingsForm';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import { BlackoutDatesField } from '../profile/BlackoutDatesField';
import { HolidaysFields } from '../profile/HolidaysFields';
import type { SettingsTabProps } from '../SettingsPage';
import { useDraft } from '../use-draft';
import { usePolicySave } from '../use-settings';

/** The field problems shown next to an input; any other is listed above Save. */
function shownInline(path: string): boolean {
  return (
    /^availability\.(capacity|leadTimeMinutes|horizonDays|holdMinutes|holidays|blackoutDates)$/.test(path) ||
    /^availability\.windows\.\d\.\d+(\.(open|close))?$/.test(path) ||
    /^availability\.capacityPools\.\d+\.(name|capacity|jobTypes)(\.|$)/.test(path) ||
    /^bookingReminders\.(eveningBefore|morningOf)$/.test(path)
  );
}

/** `BlackoutDatesField` and `HolidaysFields` read problems under `calendar.*`; the booking ones are under `availability.*`. */
const asAvailabilityPath = (path: string) => path.replace(/^calendar\./, 'availability.');

export function BookingTab({ settings }: SettingsTabProps) {
  const readOnly = !useCanWriteSettings();
  const qc = useQueryClient();
  const [availability, setAvailability] = useDraft(settings.policy.availability);
  const [reminders, setReminders] = useDraft(settings.policy.bookingReminders);
  const save = usePolicySave('Booking settings saved.');
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);
  const set = (patch: Partial<typeof availability>) => setAvailability((a) => ({ ...a, ...patch }));

  return (
    <SettingsForm
      onSave={() => save.mutate({ availability, bookingReminders: reminders }, { onSuccess: () => void qc.invalidateQueries({ queryKey: OPENINGS_PREVIEW_KEY }) })}
      saving={save.isPending}
      error={save.error}
      shownInline={shownInline}
    >
      <Text size="sm" c="dimmed">
        Customers pick from these windows by text or on the booking page, and your team books them from a lead. All times are in {settings.organization.timeZone}.
      </Text>
      <OpeningsPreview timeZone={settings.organization.timeZone} />
      <ArrivalWindowsFields windows={availability.windows} onChange={(windows) => set({ windows })} errorAt={errorAt} readOnly={readOnly} />
      <Divider />
      <Title order={3} size="h4">
        Capacity and timing
      </Title>
      <BookingLimitsFields limits={availability} onChange={(limits) => set(limits)} errorAt={errorAt} />
      <CapacityPoolsFields pools={availability.capacityPools} onChange={(capacityPools) => set({ capacityPools })} errorAt={errorAt} readOnly={readOnly} />
      <Divider />
      <Title order={3} size="h4">
        Days without bookings
      </Title>
      <HolidaysFields holidays={availability.holidays} onChange={(holidays) => set({ holidays })} errorAt={(path) => errorAt(asAvailabilityPath(path))} />
      <BlackoutDatesField
        dates={availability.blackoutDates}
        onChange={(blackoutDates) => set({ blackoutDates })}
        errorAt={(path) => errorAt(asAvailabilityPath(path))}
        readOnly={readOnly}
      />
      <Divider />
      <BookingRemindersFields reminders={reminders} onChange={setReminders} errorAt={errorAt} />
    </SettingsForm>
  );
}
