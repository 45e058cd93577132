/**
 * IANA time zones for pickers: the US zones contractors use first, then every zone the browser knows
 * (`Intl.supportedValuesOf('timeZone')`). A stored zone the browser does not list (an alias such as
 * `US/Central`) is kept as an option so the picker still shows it.
 */
import type { ComboboxData } from '@mantine/core';

const US_TIME_ZONES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'America/New_York', label: 'Eastern (America/New_York)' },
  { value: 'America/Chicago', label: 'Central (America/Chicago)' },
  { value: 'America/Denver', label: 'Mountain (America/Denver)' },
  { value: 'America/Phoenix', label: 'Arizona (America/Phoenix)' },
  { value: 'America/Los_Angeles', label: 'Pacific (America/Los_Angeles)' },
  { value: 'America/Anchorage', label: 'Alaska (America/Anchorage)' },
  { value: 'Pacific/Honolulu', label: 'Hawaii (Pacific/Honolulu)' },
];

function browserTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return US_TIME_ZONES.map((z) => z.value);
  }
}

/** Select data: a "United States" group, then all other zones; `current` is always an option. */
export function timeZoneOptions(current: string): ComboboxData {
  const us = new Set(US_TIME_ZONES.map((z) => z.value));
  const others = browserTimeZones().filter((z) => !us.has(z));
  if (current && !us.has(current) && !others.includes(current)) others.unshift(current);
  return [
    { group: 'United States', items: [...US_TIME_ZONES] },
    { group: 'All time zones', items: others },
  ];
}
