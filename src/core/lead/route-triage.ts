/**
 * Routes a triaged customer message (SMS reply or voicemail transcript) by intent, through the
 * organization's routing table (DESIGN.md §4; issue 3, item 4). Runs inside `decide`: pure.
 */
import type { TriageResult } from '../triage/classify.ts';
import type { DecisionBuilder } from './decision-builder.ts';
import type { MessageTemplates, RouteName } from './policy.ts';
import { startPage } from './paging.ts';
import { offerBooking } from './booking.ts';
import type { BookingContext } from './inputs.ts';
import { findOutOfAreaZip, matchFaq } from './service-answers.ts';

/** Which hazard a safety emergency is about, from the rule that flagged it (for the right instructions). */
export function safetyTemplate(triage: TriageResult): keyof MessageTemplates {
  const rules = triage.reasons.join(' ');
  if (/safety\.(gas|odor)/i.test(rules) || /\bgas\b/i.test(rules)) return 'safetyGas';
  if (/safety\.co_|monoxide|\bco\b/i.test(rules)) return 'safetyCo';
  return 'safetyElectrical';
}

/**
 * Applies the route of `triage.intent` to the open lead. `text` is the customer's words. The stop
 * route and keyword handling happen before this (see `decide`); a `stop` reaching here comes from
 * the classifier's free-text rules and opts out the same way.
 */
export function routeTriage(b: DecisionBuilder, triage: TriageResult, text: string, source: 'sms' | 'voicemail', booking?: BookingContext): void {
  const lead = b.lead();
  b.event('classified', 'system', { source, intent: triage.intent, safety: triage.safety, confidence: triage.confidence, language: triage.language, reasons: triage.reasons });
  b.update({ intent: triage.intent, safety: lead.safety || triage.safety });
  if (b.lead().status !== 'open') return;

  if (triage.intent !== 'emergency') {
    const zip = findOutOfAreaZip(text, b.policy.serviceAreaZips);
    if (zip) {
      b.event('out_of_area', 'system', { zip });
      b.sendText('triage_reply', true, b.render('outOfArea'));
      b.close('not_a_fit');
      return;
    }
  }

  const route = b.policy.routing[triage.intent];
  applyRoute(b, route, triage, text, source, booking);
  const exception = ownerExceptionReason(text);
  if (exception && b.lead().status === 'open' && route !== 'page_on_call' && route !== 'owner_exception') {
    b.event('escalated', 'system', { reason: exception, to: 'role:manager' });
    b.setNextAction('escalate', 0, `Exception for the owner/manager: ${exception}`, 'role:manager');
  }
}

/**
 * Messages the owner wants to see even when they are routine bookings or price questions (issue 3:
 * "large replacement, commercial account, warranty dispute → owner/manager exception with the reason").
 */
export function ownerExceptionReason(text: string): string | null {
  const t = text.toLowerCase();
  if (/\b(commercial|restaurant|office building|warehouse|property manag\w*|apartment complex|hoa|strip mall)\b/.test(t)) return 'commercial account';
  if (/\b(warrant(y|ies)|guarantee)\b.*\b(denied|refus\w*|won'?t cover|not cover\w*|dispute|voided?)\b|\b(denied|refus\w*|dispute)\b.*\bwarrant(y|ies)\b/.test(t)) return 'warranty dispute';
  if (/\b(new|replace(ment)?|whole|entire)\b.{0,30}\b(system|furnace and ac|hvac|roof|repipe|re-pipe|panel upgrade|water heater and)\b|\brepipe\b|\bfull re-?roof\b/.test(t)) return 'large replacement';
  return null;
}

function applyRoute(b: DecisionBuilder, route: RouteName, triage: TriageResult, text: string, source: 'sms' | 'voicemail', booking: BookingContext | undefined): void {
  switch (route) {
    case 'page_on_call':
      if (triage.safety) b.sendText('safety_instructions', true, b.render(safetyTemplate(triage)));
      else b.sendText('triage_reply', true, b.render('emergencyAck'));
      b.moveTo('appointment_requested');
      startPage(b, text, triage.safety);
      return;
    case 'opt_out':
      b.optOut('free_text', text, 'customer');
      b.sendText('opt_out_confirmation', true, b.render('optOutConfirmation'));
      b.close('opted_out');
      return;
    case 'offer_booking':
      offerBooking(b, booking);
      return;
    case 'pricing_info':
      b.sendText('triage_reply', true, b.render('pricingInfo'));
      b.moveTo('customer_replied');
      b.setNextAction('call_back', 0, 'Asked about price: offer the free estimate');
      return;
    case 'callback_task':
      b.moveTo('customer_replied');
      b.setNextAction('call_back', 0, 'Asked for a call back');
      return;
    case 'owner_exception':
      b.moveTo('customer_replied');
      b.event('escalated', 'system', { reason: triage.intent, to: 'role:owner' });
      b.setNextAction('escalate', 0, `Exception for the owner/manager: ${triage.intent}`, 'role:owner');
      return;
    case 'estimate_owner':
      b.moveTo('customer_replied');
      b.setNextAction('review', 0, 'About an estimate already given: for the estimate owner', 'role:estimator');
      return;
    case 'faq_answer': {
      b.moveTo('customer_replied');
      const faq = matchFaq(text, b.policy.faq);
      if (faq) {
        b.event('faq_answered', 'system', { keywords: faq.keywords });
        b.sendText('triage_reply', true, `${b.policy.businessName}: ${b.language === 'es' && faq.answerEs ? faq.answerEs : faq.answer}`);
        b.setNextAction('review', 60, 'Answered from the FAQ: check the customer is served');
      } else {
        b.setNextAction('call_back', 0, 'Has a question: answer them');
      }
      return;
    }
    case 'close':
      b.close(triage.intent === 'wrong_number' ? 'wrong_number' : triage.intent === 'spam' ? 'spam' : 'already_handled');
      return;
    case 'reply_task':
      b.moveTo('customer_replied');
      b.setNextAction('call_back', 0, source === 'voicemail' ? 'Left a voicemail: call them back' : 'The customer replied: answer them');
      return;
    default: {
      const unhandled: never = route;
      throw new Error(`routeTriage: unknown route ${String(unhandled)}`);
    }
  }
}
