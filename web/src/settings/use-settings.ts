/** Queries and saves of the settings API, shared by the tabs. */
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { OrganizationPolicy, PolicyPatch, SettingsResponse } from './types';

export const SETTINGS_KEY = ['settings'] as const;
export const AUDIT_KEY = ['settings', 'audit'] as const;
export const API_KEYS_KEY = ['settings', 'api-keys'] as const;

/** `GET /api/v1/settings`: organization profile, policy and numbers. */
export function useSettingsQuery() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<SettingsResponse>('/api/v1/settings') });
}

/** Shows the green "saved" notification every successful settings save ends with. */
export function notifySaved(message: string): void {
  notifications.show({ color: 'green', title: 'Saved', message });
}

/**
 * `PATCH /api/v1/settings/policy` with `patch`; on success the cached settings take the returned
 * policy, the audit log is refetched and `successMessage` is shown. Validation problems stay on the
 * mutation's `error` for the form to show.
 */
export function usePolicySave(successMessage: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: PolicyPatch) => api.patch<{ policy: OrganizationPolicy }>('/api/v1/settings/policy', patch),
    onSuccess: ({ policy }) => {
      qc.setQueryData<SettingsResponse>(SETTINGS_KEY, (old) => (old ? { ...old, policy } : old));
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
      notifySaved(successMessage);
    },
  });
}
