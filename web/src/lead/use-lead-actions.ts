/**
 * What a person can do to a lead: every write of the lead API as a mutation that refreshes the thread
 * and the queue, and tells the person how it went.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CallStarted, LeadDetail, LeadPatch } from '../api/types';
import { formatPhone } from '../format/format-phone';
import { notifyFailure, notifySuccess } from './notify';
import { leadQueryKey } from './use-lead';

const leadPath = (leadId: string) => `/api/v1/leads/${encodeURIComponent(leadId)}`;

function useRefresh(leadId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: leadQueryKey(leadId) });
    void queryClient.invalidateQueries({ queryKey: ['queue'] });
  };
}

/** `PATCH /api/v1/leads/:id`. Failures are the caller's to show (forms keep the person's input). */
export function useUpdateLead(leadId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(leadId);
  return useMutation({
    mutationFn: (patch: LeadPatch) => api.patch<LeadDetail>(leadPath(leadId), patch),
    onSuccess: (lead) => {
      queryClient.setQueryData(leadQueryKey(leadId), lead);
      refresh();
    },
  });
}

/** `POST /api/v1/leads/:id/notes`. */
export function useAddNote(leadId: string) {
  const refresh = useRefresh(leadId);
  return useMutation({
    mutationFn: (body: string) => api.post<{ ok: true }>(`${leadPath(leadId)}/notes`, { body }),
    onSuccess: () => {
      notifySuccess('Note added');
      refresh();
    },
    onError: (err) => notifyFailure('Could not add the note', err),
  });
}

/** `POST /api/v1/leads/:id/calls`: rings the person's phone, then bridges the customer. */
export function useCallCustomer(leadId: string) {
  const refresh = useRefresh(leadId);
  return useMutation({
    mutationFn: () => api.post<CallStarted>(`${leadPath(leadId)}/calls`),
    onSuccess: (res) => {
      notifySuccess(`Calling you at ${formatPhone(res.agentPhone)}. Answer to be connected to the customer.`);
      refresh();
    },
    onError: (err) => notifyFailure('Could not start the call', err),
  });
}

/** `POST /api/v1/leads/:id/automation`: take over (`paused`) or release to automation (`active`). */
export function useSetAutomation(leadId: string) {
  const refresh = useRefresh(leadId);
  return useMutation({
    mutationFn: (state: 'paused' | 'active') =>
      api.post<unknown>(`${leadPath(leadId)}/automation`, state === 'paused' ? { state, reason: 'taken_over' } : { state }),
    onSuccess: (_res, state) => {
      notifySuccess(state === 'paused' ? 'You took over: automation is paused for this lead' : 'Released to automation');
      refresh();
    },
    onError: (err) => notifyFailure('Could not change automation', err),
  });
}

/** `POST /api/v1/leads/:id/messages`. A refusal (422) comes back as an ApiError for the composer to show. */
export function useSendMessage(leadId: string) {
  const refresh = useRefresh(leadId);
  return useMutation({
    mutationFn: (body: string) => api.post<{ status: 'queued'; effectId: string }>(`${leadPath(leadId)}/messages`, { body }),
    onSuccess: () => {
      notifySuccess('Message queued');
      refresh();
    },
    onSettled: (_res, err) => {
      if (err) refresh();
    },
  });
}
