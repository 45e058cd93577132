import { randomBytes } from 'node:crypto';
import type { SendMessageRequest, SendMessageResult, TelephonyProvider } from '../provider.ts';

/**
 * A provider that sends nothing: it accepts every message with a Twilio-shaped MessageSid and, a
 * moment later, reports it `delivered` through `onStatus` (as Twilio's StatusCallback would). The
 * message itself is already stored by the shell, so the phone simulator page reads it from there.
 * Used by the demo organization and by tests that need no Twilio fake.
 */
export function createSimulatorProvider(opts: {
  onStatus: (update: { messageSid: string; status: 'delivered'; from: string; to: string }) => Promise<void>;
  deliveryDelayMs?: number;
}): TelephonyProvider {
  return {
    name: 'simulator',
    async sendMessage(req: SendMessageRequest): Promise<SendMessageResult> {
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const timer = setTimeout(() => {
        opts.onStatus({ messageSid: sid, status: 'delivered', from: req.from, to: req.to }).catch(() => {});
      }, opts.deliveryDelayMs ?? 300);
      timer.unref();
      return { ok: true, sid, status: 'sent' };
    },
    async placeCall(): Promise<SendMessageResult> {
      return { ok: true, sid: `CA${randomBytes(16).toString('hex')}`, status: 'queued' };
    },
  };
}
