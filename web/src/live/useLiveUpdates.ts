/**
 * Live updates of the organization's leads over Server-Sent Events (`GET /api/v1/stream`): each `lead`
 * event invalidates the queue and that lead's thread, so every open screen refetches what changed.
 * EventSource reconnects by itself after a dropped connection; when the server refuses it (the
 * connection is closed for good) we open a new one after a pause. After any reconnect the queue is
 * refetched, since events sent while we were away are lost.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { LeadStreamEvent } from '../api/types';

const RETRY_AFTER_CLOSE_MS = 10_000;

function parseLeadEvent(data: string): LeadStreamEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (value && typeof value === 'object' && typeof (value as LeadStreamEvent).leadId === 'string') return value as LeadStreamEvent;
  } catch {
    // A malformed event: nothing to invalidate precisely.
  }
  return null;
}

/** Mount once per signed-in page tree (AppLayout does). */
export function useLiveUpdates(organizationId: string | null): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!organizationId || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let hadError = false;
    let stopped = false;

    const onLead = (e: MessageEvent<string>) => {
      const event = parseLeadEvent(e.data);
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      if (event) {
        void queryClient.invalidateQueries({ queryKey: ['lead', event.leadId] });
        // An opt-out or a reply changes what the send gate says about a draft.
        void queryClient.invalidateQueries({ queryKey: ['message-preview', event.leadId] });
      } else void queryClient.invalidateQueries({ queryKey: ['lead'] });
      // A booking made, moved or canceled anywhere (the booking link, a text reply, another dispatcher)
      // changes the calendar and the openings; only the screens showing them refetch.
      void queryClient.invalidateQueries({ queryKey: ['bookings'] });
      void queryClient.invalidateQueries({ queryKey: ['booking'] });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
    };
    const onOpen = () => {
      if (!hadError) return;
      hadError = false;
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      void queryClient.invalidateQueries({ queryKey: ['lead'] });
    };
    const onError = () => {
      hadError = true;
      if (source?.readyState === EventSource.CLOSED && !stopped) {
        close();
        retryTimer = setTimeout(open, RETRY_AFTER_CLOSE_MS);
      }
    };
    function open() {
      source = new EventSource(`/api/v1/stream?organizationId=${encodeURIComponent(organizationId!)}`);
      source.addEventListener('lead', onLead);
      source.addEventListener('open', onOpen);
      source.addEventListener('error', onError);
    }
    function close() {
      if (!source) return;
      source.removeEventListener('lead', onLead);
      source.removeEventListener('open', onOpen);
      source.removeEventListener('error', onError);
      source.close();
      source = null;
    }

    open();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      close();
    };
  }, [organizationId, queryClient]);
}
