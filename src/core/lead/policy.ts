/**
 * An organization's rules as data, handed to `decide` and `checkSendPolicy`. Stored as
 * `organizations.policy`; the core never reads configuration any other way.
 */
export interface OrganizationPolicy {
  /** The name customers know, used in every first message ("Demo Heating & Air"). */
  businessName: string;
  /** IANA time zone of the business, e.g. `America/Chicago`. */
  timeZone: string;
  /** A number customers can call for help (E.164), given in HELP replies. */
  contactNumberE164: string;
  /**
   * At most this many automated messages per contact per rolling 24 h (default 3; FL, OK and MD
   * statutes cap messages on the same subject at 3 per 24 h). Replies to the customer's own keyword
   * (opt-out confirmation, HELP) do not count.
   */
  automatedMessagesPer24h: number;
  /** Minutes until the call-back task a missed call creates is due (SOP: call back within 15 min). */
  callbackDueMinutes: number;
  templates: MessageTemplates;
}

/**
 * Message templates. Variables: `{business}`, `{contactNumber}`. The text-back must name the
 * business and end with "Reply STOP to opt out" (CTIA Messaging Principles, first message).
 */
export interface MessageTemplates {
  textBack: string;
  optOutConfirmation: string;
  optInConfirmation: string;
  help: string;
}

/** The policy a new organization starts with. */
export function defaultPolicy(input: { businessName: string; timeZone: string; contactNumberE164: string }): OrganizationPolicy {
  return {
    ...input,
    automatedMessagesPer24h: 3,
    callbackDueMinutes: 15,
    templates: {
      textBack:
        "Hi, this is {business}. Sorry we missed your call! How can we help? Reply here and we'll get right back to you. Reply STOP to opt out.",
      optOutConfirmation: '{business}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.',
      optInConfirmation: '{business}: You are resubscribed to messages. Reply STOP to opt out.',
      help: '{business}: For help call {contactNumber}. Reply STOP to opt out.',
    },
  };
}

/** Fills `{business}` and `{contactNumber}` in a template. Unknown `{names}` are left as written. */
export function renderTemplate(template: string, policy: OrganizationPolicy): string {
  const vars: Record<string, string> = { business: policy.businessName, contactNumber: policy.contactNumberE164 };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
