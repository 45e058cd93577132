/** Effects: things `decide` asks the shell to do. Imperatives, stored in the outbox, run idempotently. */

/** Why a message goes out; the send gate and the 24 h cap depend on it. */
export type MessagePurpose = 'text_back' | 'opt_out_confirmation' | 'opt_in_confirmation' | 'help' | 'manual';

/** Send one SMS. `effectId` is `<leadId>:<seq>`, the idempotency key of the send. */
export interface SendMessage {
  type: 'send_message';
  effectId: string;
  to: string;
  from: string;
  body: string;
  purpose: MessagePurpose;
  /** Sent by Ringback on its own (counts toward the 24 h cap and stops on takeover). */
  automated: boolean;
}

export type LeadEffect = SendMessage;
