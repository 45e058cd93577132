/**
 * Consent keyword detection for inbound SMS: opt-out (STOP and any reasonable free-text revocation), opt-in
 * (START/UNSTOP/YES) and help (HELP/INFO), in English and Spanish.
 *
 * Pure and synchronous: no I/O, no clock, no randomness. Every regular expression is compiled once at module
 * load; a short message costs a few microseconds. See DESIGN.md §4–§5 and TWILIO.md "Opt-out behaviour".
 *
 * Design: recall first. Missing an opt-out is a TCPA violation on every later message, so free-text rules lean
 * towards matching; known false stops that matter to a home-service contractor ("my heater stopped working",
 * "can you stop by", "cancel my appointment", "end of the week", "the leak won't quit") are excluded explicitly and
 * pinned by tests.
 */

/** What an inbound message asks for with respect to messaging consent. */
export type ConsentKeywordKind = 'opt_out' | 'opt_in' | 'help';

/**
 * A consent keyword found in an inbound message.
 *
 * `rule` is one of:
 * - `'twilio_keyword'`: the whole message (trimmed, any case, surrounding punctuation/emoji ignored) is exactly one
 *   of Twilio's default words: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT (opt-out); START,
 *   UNSTOP, YES (opt-in); HELP, INFO (help). On a long code Twilio has most likely already acted on a bare keyword
 *   (blocked the number, sent its own reply); whether it also strips punctuation such as "Stop." is not documented,
 *   so callers must not rely on Twilio having acted.
 * - `'keyword_variant'`: the whole message is an English keyword written differently ("STOP ALL", "opt out",
 *   "opt-out", "opt in", "stoppp", "s t o p", "stpo", "unsubscibe") or REMOVE (a CTIA/carrier opt-out word that is
 *   not a Twilio default). Twilio has not acted on these.
 * - `'es_keyword'`: the whole message is a Spanish keyword: ALTO, PARAR, PARA, BAJA, DETENER, CANCELAR, BASTA
 *   (opt-out), SÍ/SI (opt-in), AYUDA (help). Not Twilio defaults.
 * - `'free_text'`: an opt-out said in other words ("please stop texting me", "take me off your list",
 *   "STOP!!! wrong person", "ya no me escriban"). Only `opt_out` is ever reported from free text.
 */
export interface ConsentKeywordMatch {
  kind: ConsentKeywordKind;
  /** The words that matched, as written in the message (original case, accents and inner punctuation). */
  matched: string;
  /** Which rule decided: `'twilio_keyword' | 'keyword_variant' | 'es_keyword' | 'free_text'`. */
  rule: string;
  /** Language of the matched words. */
  language: 'en' | 'es';
}

// ---------------------------------------------------------------------------------------------------------------
// Whole-message keywords
// ---------------------------------------------------------------------------------------------------------------

interface KeywordEntry {
  kind: ConsentKeywordKind;
  language: 'en' | 'es';
  /** True for Twilio's own default keywords (only when written as that single word). */
  twilio: boolean;
}

const TWILIO_OPT_OUT = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout'] as const;
const TWILIO_OPT_IN = ['start', 'unstop', 'yes'] as const;
const TWILIO_HELP = ['help', 'info'] as const;

/**
 * Whole-message keywords, keyed by the normalised message (lower case, accents folded, punctuation and emoji
 * removed, words separated by one space).
 */
const WHOLE_MESSAGE_KEYWORDS: ReadonlyMap<string, KeywordEntry> = (() => {
  const m = new Map<string, KeywordEntry>();
  const add = (words: readonly string[], kind: ConsentKeywordKind, language: 'en' | 'es', twilio: boolean): void => {
    for (const w of words) m.set(w, { kind, language, twilio });
  };
  add(TWILIO_OPT_OUT, 'opt_out', 'en', true);
  add(TWILIO_OPT_IN, 'opt_in', 'en', true);
  add(TWILIO_HELP, 'help', 'en', true);
  // REMOVE is on the CTIA/AWS list of standard opt-out words though not a Twilio default.
  add(['stop all', 'opt out', 'un subscribe', 'remove'], 'opt_out', 'en', false);
  add(['opt in', 'optin', 'un stop'], 'opt_in', 'en', false);
  // Spanish single words. "para" (imperative of parar) and "basta" ("enough") are added for recall: alone they have
  // no other plausible meaning in a reply to a business text. "ya basta" = "that's enough".
  add(['alto', 'parar', 'para', 'baja', 'detener', 'cancelar', 'basta', 'ya basta'], 'opt_out', 'es', false);
  // Decision: a message that is only "SÍ"/"SI" is reported as opt_in (the Spanish YES). Twilio does NOT treat it as
  // an opt-in keyword, so it is labelled 'es_keyword' and callers that want strict Twilio parity ignore that rule.
  add(['si'], 'opt_in', 'es', false);
  add(['ayuda'], 'help', 'es', false);
  return m;
})();

// ---------------------------------------------------------------------------------------------------------------
// Free-text opt-out patterns
//
// They run on normalised text: lower case, accents folded, apostrophes removed ("don't" -> "dont"), every other
// non-alphanumeric character is a word break, and sentence punctuation (. , ! ? ; : newline …) starts a new clause.
// Words are separated by exactly one space, clauses by "\n"; with the `m` flag `^`/`$` anchor to a clause.
// Patterns must not contain capturing groups (checked at load). Every repeated group `(?: (?:a|b|c))*` lists single
// words only (never "all" and "all the" together): overlapping alternatives inside a loop backtrack exponentially,
// and inbound SMS text is attacker-controlled. The ReDoS tests pin this.
// ---------------------------------------------------------------------------------------------------------------

/** Nouns for the messages themselves. */
const TEXT_NOUN = String.raw`(?:text messages?|texts?|txts?|txt msgs?|sms|msgs?|messages?|notifications?|alerts?|promos?|promotions?|marketing|spam|reminders?|ads|advertisements?|robo ?texts?|robocalls?)`;

/** Gerunds after "stop"/"quit" that make it about messaging. */
const TEXT_VERB_ING = String.raw`(?:texting|txting|texing|textin|txtin|messaging|msging|msgin|contacting|spamming|bugging|bothering|harassing|hassling|pestering|emailing|hitting (?:me|us) up|writing(?: (?:me|us|to me|to us))?|reaching out|(?:receiving|recieving|getting)(?: (?:these|those|the|your|ur|any|all|of|more|text|sms|automated|marketing))* ${TEXT_NOUN}\b|sending(?:$| (?:me|us)\b|(?: \w+){0,2} ${TEXT_NOUN}\b)|calling(?:$| (?:me|us|here|this number|my (?:phone|cell|number))\b| (?:and|or|n) (?:texting|messaging)\b))`;

/** Base verbs after "don't": "don't text me", "do not contact me". */
const TEXT_VERB = String.raw`(?:text|txt|texts|message|msg|contact|sms|email|bother|spam|harass|hit (?:me|us) up|write|reach out to)`;

/** Words that may open a clause before an imperative "stop": "please stop", "omg stop", "I said stop". */
const POLITE = String.raw`(?:(?:please|pls|plz|pleas|pleaze|kindly|just|ok|okay|k|no|nope|hey|hi|hello|seriously|omg|again|yo|dude|sir|maam|now|so|and|but|guys|yall|lol|um|uh|ugh|bro|man|god|lord|jesus|i said|i told you|i told u|like i said|i asked you to|i asked u to|for the last time|for real|fr|stop) )`;

/**
 * Words right after "stop" that make it a visit ("stop by/in/over"), a thing ("stop sign/valve/light"), a leak
 * ("stop the water", "stop leaking") or something else that is not a request to stop messaging. "calling"/"sending"
 * are left to the messaging-verb rule, which checks their object.
 */
const STOP_BLOCK = String.raw`(?:by|in|over|on|off|at|around|sign|signs|light|lights|valve|valves|cock|cocks|box|leak|leaks|leaking|water|the|a|an|and|when|whenever|until|till|til|if|from|working|running|dripping|flowing|for|gap|watch|bath|drain|plug|tap|to|after|before|near|through|thru|anytime|sometime|tomorrow|today|tonight|later|first|back|calling|sending|being|doing|going|making|putting|using|paying|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|this (?:week|weekend|afternoon|morning|evening|time)|next|real quick|quick|quickly|past|into|inside|down|up|out|each|every|once|twice|payment|payments|service|work|job|the job|shop|n shop)`;

/** House-problem words: "stop it from leaking", "stop my water heater" are not opt-outs. */
const HOUSE = String.raw`(?:leak\w*|drip\w*|water|flood\w*|noise\w*|beep\w*|alarms?|valves?|pipes?|toilets?|faucets?|sinks?|heater|furnace|ac|unit|breaker|power|gas|smell|smoke|running|spark\w*|it from|them from|drain|shower|tub|roof|rain|fan|compressor|squeal\w*|buzz\w*|clicking|damage)`;

/** Continuation of an imperative "stop": end of clause, or a next word that is not a visit/thing/leak. */
const STOP_TAIL = String.raw`(?:$| (?!${STOP_BLOCK}\b)(?!(?:\w+ ){0,2}${HOUSE}\b))`;

/** Negations and non-requests that cannot precede a request ("don't stop texting", "did you stop sending"). */
const NEG_ALT = String.raw`(?:dont|do not|didnt|did not|wont|will not|never|not|cant|cannot|couldnt|ill|i will|did(?: \w+){0,2}|have you|have u|whyd you|when will you|wouldnt|shouldnt|doesnt|does not|if you|if u)`;

/** Placed right after a one-word verb: the verb is not preceded by a negation ("don't stop texting"). */
const NEG_AFTER = String.raw`(?<!\b${NEG_ALT} \w+)`;

/** Time qualifiers: "don't text me before 8am" is a quiet-hours wish, not a revocation. */
const TIME_LA = String.raw`(?! (?:before|after|until|till|til|at(?! this (?:number|phone|cell))|during|on|between|while|when|early|late|so early|this early|this late|so late|tonight|today|tomorrow|yet|first|right now|now)\b)`;

/** Schedule-ish objects: "remove me from the schedule" / "take me off the calendar" are about appointments. */
const SCHEDULE = String.raw`(?:the |your |ur |this |my |that )?(?:schedule|calendar|appointment|appt|waitlist|wait list|route|job|invoice|account|bill|work order|order|hook|ladder|roof|estimate|quote|plan|membership)`;

/** Lists that are not a contact list: "off the price list". */
const NOT_A_LIST = String.raw`(?:wait|price|parts|to do|todo|shopping|check|punch|waiting) `;

/** Spanish nouns for the messages themselves. */
const ES_NOUN = String.raw`(?:mensajes?|textos?|sms|mensajitos|msjs?|notificaciones|recordatorios|publicidad|promociones|alertas|spam|correos)`;

/** One free-text opt-out rule: a pattern over normalised text and the language of the words it matches. */
interface FreeTextRule {
  language: 'en' | 'es';
  pattern: string;
}

const FREE_TEXT_RULES: readonly FreeTextRule[] = [
  // --- English -------------------------------------------------------------------------------------------------
  // "stop/quit + texting/messaging/contacting/sending me texts/the messages": "quit texting me", "stop the texts".
  {
    language: 'en',
    pattern: String.raw`\b(?:stop|quit|cease|halt)${NEG_AFTER}(?: (?:please|pls|plz|all|the|your|ur|with|it|these|those|this|that|now|of|them|fucking|fuckin|freaking|frickin|damn|goddamn|god))* (?:${TEXT_VERB_ING}|${TEXT_NOUN}\b)(?: (?:me|us)\b)?`,
  },
  { language: 'en', pattern: String.raw`\bstopall\b` },
  // "the texts need to stop", "I want these messages to stop", "make the texts stop".
  {
    language: 'en',
    pattern: String.raw`\b${TEXT_NOUN} (?:need to|needs to|have to|has to|must|gotta|got to|to|should|can|will|better|please|pls|need) stop\b(?! (?:by|in|over|at)\b)`,
  },
  {
    language: 'en',
    pattern: String.raw`\bmake (?:the |these |those |your |ur |all the |all these |all your )?${TEXT_NOUN} stop\b`,
  },
  // "don't text me again", "do not contact me", "dont text or call me", "can you not text me".
  {
    language: 'en',
    pattern: String.raw`(?<!\b(?:you|u|they|yall|guys|he|she|it|tech|why|we|people|ppl|nobody|who|that|which|if) )\b(?:dont|do not|donot|dnt|can you not|could you not|can u not|please do not|please never)(?: (?:ever|again|please|pls|even|ever again))? (?:(?:call|phone|email)(?:ing)? (?:or|and|nor|n) )?${TEXT_VERB}(?: (?:or|and|nor|n) (?:call|phone|email|contact|text|message)(?:ing)?)?(?:$| (?:me|us|this number|my number|my phone|my cell|again|anymore|any more|ever|here|at this number|no more|please|pls)\b${TIME_LA})`,
  },
  // "don't send me any more texts".
  {
    language: 'en',
    pattern: String.raw`(?<!\b(?:you|u|they|yall|guys|he|she|it|tech|why|we) )\b(?:dont|do not|donot|dnt|please do not|never)(?: (?:ever|again|please|pls))? send(?: (?:me|us))?(?: (?:any|anymore|more|these|those|your|ur|no|other|further))* ${TEXT_NOUN}\b`,
  },
  // "never text me again", "never contact me".
  {
    language: 'en',
    pattern: String.raw`\bnever (?:ever )?${TEXT_VERB} (?:me|us|this number)(?: ever)? again\b`,
  },
  { language: 'en', pattern: String.raw`^(?:please |pls )?never (?:ever )?${TEXT_VERB} (?:me|us|this number)\b` },
  // List / number removal: "remove me from your list", "take me off your list", "lose my number".
  {
    language: 'en',
    pattern: String.raw`\b(?:remove|delete|erase|unenroll|unregister|opt|unsubscribe|unsub|rmv)${NEG_AFTER}\b (?:me|us|my (?:number|phone|phone number|cell|cell number|info|information|name|contact|contact info|details|data)|this (?:number|phone|phone number|cell|cell number|contact))\b(?! (?:from|off|of)(?: of)? ${SCHEDULE}\b)`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:take|get|drop|scratch|cross|pull|knock)${NEG_AFTER}\b (?:me|us|my (?:number|phone|phone number|cell|cell number|info|name|contact)|this (?:number|phone|phone number|cell))(?: off\b(?!(?: of)? ${SCHEDULE}\b)| (?:out of|from|off of) (?:(?:your|the|this|ur|that|yalls|their|all) )?(?:(?!wait )\w+ )?(?:list|lists|database|system|contacts|rotation)\b)`,
  },
  {
    language: 'en',
    pattern: String.raw`\boff (?:of )?(?:your|ur|yalls|ya ll|you guys|ya|all of your|all your) (?:(?!${NOT_A_LIST})\w+ )?(?:list|lists|database)\b`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:remove|delete|take|unsubscribe|erase|drop|want|wanna|want to be|want to get|get|opt)${NEG_AFTER}(?: (?:me|us|my number|this number))? (?:from|off|out of)(?: of)? (?:(?:the|your|ur|this|that|all|yalls|their|all of your|all your) )?(?:(?!${NOT_A_LIST})\w+ )?(?:list|lists|database)\b`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:lose|loose|delete|erase|forget|remove|drop|trash|burn|toss|ditch|throw away|throw out|get rid of|scratch|block|blacklist|blocklist)${NEG_AFTER}\b (?:my|this|our) (?:phone |cell |mobile |cell phone )?(?:number|num|nr|contact|info)\b`,
  },
  // "leave me alone", "go away", "f off".
  {
    language: 'en',
    pattern: String.raw`\bleave${NEG_AFTER} (?:me|us|my (?:family|wife|husband|mom|dad|mother|father|son|daughter|number|phone)) (?:(?:the fuck|tf|tha fuck|the hell|the heck|fucking|freaking) )?(?:alone|be)\b`,
  },
  {
    language: 'en',
    pattern: String.raw`^${POLITE}*(?:go away|get lost|fuck off|f off|fck off|fk off|fuk off|piss off|bugger off|buzz off|back off|shove off|eff off)\b`,
  },
  // Consent: "I revoke consent", "withdraw my consent", "I do not consent", "I never signed up for this".
  { language: 'en', pattern: String.raw`\b(?:revoke|revoking)\b` },
  {
    language: 'en',
    pattern: String.raw`\b(?:withdraw|withdrawing|withdrawn|rescind|rescinding|retract|retracting|revoked)\b(?: (?:my|all|any|your|the|this|prior|previous|that))* (?:consent|permission|authorization|authorisation|opt in|optin|agreement|subscription)\b`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:do not|dont|dnt|no longer|never|didnt|did not|do no|not)(?: (?:ever|even|give|gave|grant|granted|provide|provided|want to give|wish to give)){0,2}(?: (?:you|u|yall|anyone|my|any|this|that))* (?:consent|permission)(?:$| to (?:be |being )?(?:text|txt|message|contact|send|texted|contacted|messaged|receive|receiving|get|getting|this|these|that|texts|messages|marketing|you texting)\b| for (?:this|these|that|texts|messages)\b| (?:please|pls|thanks|thank you|anymore|any more|any longer)\b)`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:never|didnt|did not|dont remember|do not remember|dont recall|do not recall)(?: (?:ever|even))? (?:sign(?:ed)? up|subscribe(?:d)?|opt(?:ed)? in)(?:$| for (?:this|these|that|any of this|texts|messages|text messages|your texts|your messages|anything like this)(?:$| (?:${TEXT_NOUN}|shit|crap|stuff|nonsense|bs)\b)| to (?:receive|get|be texted|be contacted|texts|messages)\b)`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:never|didnt|did not)(?: (?:ever|even))? (?:ask(?:ed)?|agree(?:d)?|request(?:ed)?|want(?:ed)?) (?:for (?:(?:these|your|any|the|all|all these|all the) )?${TEXT_NOUN}\b|to (?:receive|get|be texted|be contacted|be messaged|receive texts|receive messages)\b)`,
  },
  {
    language: 'en',
    pattern: String.raw`\bopt(?:ing|ed|s)? (?:me |us )?out\b(?! of ${SCHEDULE}\b)(?! of (?:the |my |your )?(?:warranty|auto ?renew\w*|maintenance|service plan|agreement|contract|financing|extended)\b)`,
  },
  { language: 'en', pattern: String.raw`\b(?:optout|optedout|optingout)\b` },
  { language: 'en', pattern: String.raw`\bunsub(?:scribe|scribed|scribing|scribes|scription|s)?\b` },
  // "no more texts", "no texts please", "I don't want these messages", "enough with the texts".
  {
    language: 'en',
    pattern: String.raw`\bno (?:more|further|additional|other)(?: (?:of (?:your|these|the|this)|automated|auto|marketing|promo|promotional|text|sms))* (?:${TEXT_NOUN}|texting|messaging|contact|calls|contacting)\b`,
  },
  {
    language: 'en',
    pattern: String.raw`^${POLITE}*no (?:${TEXT_NOUN}|texting|messaging|contact|calls|calls or texts|texts or calls)(?: (?:please|pls|plz|thanks|thank you|thx|ty|again|ever|anymore|any more|needed|necessary|required|for me|allowed|at all))*$`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:do not|dont|dnt|no longer|dont ever|never) (?:want|wish|desire|care for)(?: to (?:receive|get|be getting|be receiving|see|keep getting|keep receiving))?(?: (?:any|your|these|those|the|anymore|more|further|ur|all|of|this|automated|marketing|promotional|text|sms))* (?:${TEXT_NOUN}|texting|messaging|to be (?:texted|contacted|messaged|txted)|(?:you|u|yall|anyone) (?:to )?(?:text|txt|message|contact|texting|messaging|contacting) (?:me|us))\b`,
  },
  {
    language: 'en',
    pattern: String.raw`\bnot interested in (?:(?:these|your|any|the|receiving|getting|more|text) )*${TEXT_NOUN}\b`,
  },
  {
    language: 'en',
    pattern: String.raw`\benough (?:with )?(?:(?:the|these|those|your|all the|all these) )?${TEXT_NOUN}\b`,
  },
  {
    language: 'en',
    pattern: String.raw`\b(?:cancel|terminate|disable|turn off|shut off|switch off|deactivate|discontinue)${NEG_AFTER}\b(?: (?:all|the|these|those|my|your|ur|text|sms|automated|future|any|of))* (?:${TEXT_NOUN}|texting|messaging)\b`,
  },

  // Generic "stop" rules last: at the same position a more specific rule above wins, so `matched` is longer.
  // Imperative "stop" opening a clause: "stop please", "STOP!!! wrong person", "please stop", "omg stop it".
  { language: 'en', pattern: String.raw`^${POLITE}*stop${STOP_TAIL}` },
  // Requested stop inside a clause: "can you please stop", "I told you to stop", "you need to stop".
  {
    language: 'en',
    pattern: String.raw`\b(?:i said|i told you(?: to)?|i told u(?: to)?|i asked you to|i asked u to|i asked|i want you to|i want u to|i need you to|i need u to|you need to|u need to|you have to|u have to|you gotta|u gotta|can you|can u|could you|could u|would you|would u|will you|will u|please|pls|plz|kindly)(?: (?:please|pls|plz|just|kindly|all|guys|yall|for real|now))* stop${STOP_TAIL}`,
  },
  // A clear signal plus a clause-final stop: "wrong number stop", "not interested stop", "who is this stop".
  {
    language: 'en',
    pattern: String.raw`\b(?:wrong (?:number|person|numbr|num|guy)|not interested|no thanks|no thank you|nope|spam|scam|scammer|who is this|whos this|who dis|who this|who are you|who r u|not me|i dont know you|dont know you|dont know who this is|not the homeowner|not my number|unknown number)\b(?: \w+)* stop(?: (?:please|pls|plz|now|it|already|asap|immediately|thanks|thank you|thx|texting|messaging))*$`,
  },
  // "I'd like to be removed", "please have me removed".
  {
    language: 'en',
    pattern: String.raw`\b(?:i|me|we|us|id|wed)(?: would like| like| wanna| want| need| wish)?(?: to)? (?:be|get|been) removed\b|\bhave (?:me|us|my number|this number) removed\b`,
  },
  // "no more" on its own: "No more please".
  { language: 'en', pattern: String.raw`^${POLITE}*no more(?: (?:please|pls|plz|thanks|thank you|thx))*$` },
  // "quit it", "remove", "please remove" as a clause of their own.
  { language: 'en', pattern: String.raw`^${POLITE}*(?:quit it|remove|remove please)(?: (?:please|pls|plz|now|already|asap|thanks|thank you|thx))*$` },
  // --- Spanish -------------------------------------------------------------------------------------------------
  // "ya no me escriban", "no me manden mensajes", "no me envíen más mensajes", "no me vuelvan a escribir".
  // Only imperative/subjunctive/infinitive forms: "no me contactaron" / "no me mandaron la factura" are complaints.
  {
    language: 'es',
    pattern: String.raw`\b(?:no|nunca)(?: (?:me|nos|le|les))?(?: (?:vuelv(?:a|an|as) a|sig(?:a|an|as)|mas|ya|por favor))* (?:escrib(?:a|an|as|ir|iendo|irme|irnos)|textee?(?:n|s)?|textear|textiar|textearme|textiando|texteando|contact(?:e|en|es|ar|arme|ando)|molest(?:e|en|es|ar|arme|ando)|spame(?:e|en|ar)|llam(?:en|e|es) (?:ni|y|o) (?:escriban|escriba|escribas|texteen|manden)|(?:mand|envi)(?:e|en|es|ar|arme|ando)(?:$| (?:mas|ningun|ningunos|ningunas|ninguna|nada|ni|otro|otros|por favor)\b| ${ES_NOUN}\b))\b`,
  },
  // "deja de escribirme", "dejen de mandarme mensajes", "paren de escribir", "dejar de recibir mensajes".
  {
    language: 'es',
    pattern: String.raw`\b(?:dej|par)(?:a|e|en|ar|es|an|ele|enle)(?: ya| por favor)? de (?:escrib|mand|envi|contact|molest|texte|texti|spame|recibir (?:${ES_NOUN}|sus|tus|estos|mas))\w*`,
  },
  // "quítenme de su lista", "sácame de la lista", "bórrenme de sus contactos".
  {
    language: 'es',
    pattern: String.raw`\b(?:quit|saq|sac|elimin|borr|remuev|remov|exclu)\w*?(?:me|nos) de (?:\w+ ){0,2}?(?:lista|listas|datos|sistema|contactos|registro|registros|base)\b`,
  },
  // "borra mi número", "eliminen mi número", "olviden mi número".
  {
    language: 'es',
    pattern: String.raw`\b(?:quit|saq|sac|elimin|borr|remuev|remov|olvid|bot|tir)\w* (?:mi|este|nuestro) (?:numero|telefono|celular|cel|contacto|tel)\b`,
  },
  // "darme de baja", "denme de baja", "me doy de baja", "quiero la baja".
  {
    language: 'es',
    pattern: String.raw`\b(?:darme|dame|denme|deme|darnos|dennos|denos|dar|doy|darse|den|de|da) de baja\b|\b(?:quiero|solicito|pido|quisiera) (?:la|mi) baja\b`,
  },
  // "no quiero mensajes", "ya no quiero recibir mensajes", "no me interesan los mensajes".
  {
    language: 'es',
    pattern: String.raw`\bno (?:quiero|deseo|quisiera|me interesa|me interesan|necesito)(?: (?:recibir|seguir recibiendo|mas|ningun|ningunos|ningunas|ninguna|sus|tus|estos|esos|los|las|sms))* (?:${ES_NOUN}|que me (?:sigan )?(?:escriban|manden|envien|contacten|texteen|molesten|escribiendo|mandando|enviando|contactando))\b`,
  },
  // "no más mensajes", "basta de mensajes", "déjenme en paz".
  { language: 'es', pattern: String.raw`\bno mas ${ES_NOUN}\b` },
  { language: 'es', pattern: String.raw`\bbasta (?:ya )?(?:de|con) (?:(?:los|tus|sus|estos|tantos) )?${ES_NOUN}\b` },
  { language: 'es', pattern: String.raw`\bdej\w*(?:me|nos) en paz\b` },
  // Consent: "revoco mi consentimiento", "no doy mi autorización", "nunca me suscribí".
  {
    language: 'es',
    pattern: String.raw`\b(?:revoco|retiro|cancelo|anulo|revocar|retirar)(?: (?:mi|el|todo|cualquier))* (?:consentimiento|autorizacion|permiso|suscripcion)\b`,
  },
  {
    language: 'es',
    pattern: String.raw`\bno (?:doy|di|he dado|otorgo)(?: (?:mi|el|ningun))? (?:consentimiento|autorizacion|permiso)\b|\bno (?:autorizo|consiento)\b|\b(?:nunca|no) me (?:suscribi|inscribi|registre|apunte)\b`,
  },
  { language: 'es', pattern: String.raw`\bdes\w{0,3}scrib\w*` },
  // A Spanish stop word as its own clause: "Alto por favor", "Ya basta", "Paren ya".
  {
    language: 'es',
    pattern: String.raw`^(?:(?:por favor|porfa|porfavor|xfa|favor|ya|ok|oye|hola|senor|senora|solo|ahora) )*(?:alto|parar|pare|paren|para|basta|detener|detengan|detente|deten|baja)(?: (?:por favor|porfa|porfavor|xfa|favor|ya|ahora|gracias|ya basta))*$`,
  },
];

/** A few rules joined into one alternation; capture group i+1 is rule `first + i`. */
interface RuleChunk {
  re: RegExp;
  first: number;
  count: number;
}

/**
 * The free-text rules in chunks of a few alternations each. Measured on V8 (Node 24): one regex per rule is ~3x
 * slower per message and one regex for all rules takes ~150 ms to compile; chunks of 10 match a short message in
 * 1–3 µs and compile in ~70 ms in total. Each chunk is run at module load so V8 compiles it during startup, not on
 * the first inbound SMS.
 */
const RULE_CHUNKS: readonly RuleChunk[] = (() => {
  const CHUNK_SIZE = 10;
  const chunks: RuleChunk[] = [];
  for (const r of FREE_TEXT_RULES) {
    const groups = (new RegExp(`${r.pattern}|`).exec('')?.length ?? 1) - 1;
    if (groups !== 0) throw new Error(`opt-out-keywords: capturing group in pattern ${r.pattern}`);
  }
  for (let first = 0; first < FREE_TEXT_RULES.length; first += CHUNK_SIZE) {
    const rules = FREE_TEXT_RULES.slice(first, first + CHUNK_SIZE);
    const re = new RegExp(rules.map((r) => `(${r.pattern})`).join('|'), 'gm');
    for (const warm of ['please stop by tomorrow', 'no me escriban\nthe heater stopped']) {
      re.lastIndex = 0;
      re.exec(warm);
    }
    chunks.push({ re, first, count: rules.length });
  }
  return chunks;
})();

interface RuleHit {
  start: number;
  end: number;
  rule: number;
}

/** Which rule of `chunk` produced `m`. */
function ruleOf(chunk: RuleChunk, m: RegExpExecArray): number {
  for (let i = 0; i < chunk.count; i++) if (m[i + 1] !== undefined) return chunk.first + i;
  return chunk.first;
}

/** True when any free-text rule matches `text`. */
function anyFreeTextRule(text: string): boolean {
  for (const chunk of RULE_CHUNKS) {
    chunk.re.lastIndex = 0;
    if (chunk.re.exec(text) !== null) return true;
  }
  return false;
}

/**
 * Every (possibly overlapping) free-text rule hit in `text`, then the leftmost hit widened by every hit that
 * overlaps it, so `matched` reads "please stop texting me" rather than "please stop". Only runs on opt-outs.
 */
function widestLeftmostHit(text: string): RuleHit | null {
  const hits: RuleHit[] = [];
  for (const chunk of RULE_CHUNKS) {
    const re = chunk.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      hits.push({ start: m.index, end: m.index + m[0].length, rule: ruleOf(chunk, m) });
      re.lastIndex = m.index + 1;
      if (re.lastIndex > text.length) break;
    }
  }
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const best = { ...hits[0]! };
  for (const h of hits) {
    if (h.start < best.end && h.end > best.end) best.end = h.end;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------------------------

/** Collapses every run of a repeated letter to one: "stoppp" -> "stop", "messages" -> "mesages". */
function squeeze(word: string): string {
  let out = '';
  let from = 0;
  for (let i = 1; i < word.length; i++) {
    if (word.charCodeAt(i) === word.charCodeAt(i - 1)) {
      out += word.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? word : out + word.slice(from);
}

/** True when some character repeats three times in a row ("stoppp", "nooo"). */
function hasTripleRun(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return true;
  }
  return false;
}

/**
 * Words the patterns care about, taken from the pattern sources plus the keywords, so that "stoppp", "pleaseee",
 * "nooo", "mesages" and "texxting" can be mapped back to them.
 */
const VOCAB: ReadonlySet<string> = (() => {
  const words = new Set<string>(WHOLE_MESSAGE_KEYWORDS.keys());
  for (const k of [...WHOLE_MESSAGE_KEYWORDS.keys()]) for (const w of k.split(' ')) words.add(w);
  for (const r of FREE_TEXT_RULES) {
    const src = r.pattern.replace(/\\[a-zA-Z]/g, ' ');
    for (const m of src.matchAll(/[a-z]{2,}/g)) words.add(m[0]);
  }
  for (const w of ['of', 'al', 'to', 'so', 'too', 'good', 'stop', 'please', 'off', 'all']) words.add(w);
  return words;
})();

/** squeeze(word) -> word; on a collision the word with a double letter wins ("offff" -> "off", not "of"). */
const SQUEEZE_MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const w of VOCAB) {
    const s = squeeze(w);
    const prev = m.get(s);
    if (prev === undefined || (prev === s && w !== s)) m.set(s, w);
  }
  return m;
})();

/**
 * Real words outside the pattern vocabulary whose squeezed form is a pattern word; never rewritten ("stoop" is not
 * "stop"). Words inside the vocabulary are always kept as written, so "lose"/"loose" and "of"/"off" stay distinct.
 */
const NO_SQUEEZE: ReadonlySet<string> = new Set(['stoop', 'stoops', 'gota', 'gotas']);

/** Known misspellings of keywords (after folding). */
const TYPOS: ReadonlyMap<string, string> = new Map([
  ['stpo', 'stop'],
  ['sotp', 'stop'],
  ['st0p', 'stop'],
  ['stahp', 'stop'],
  ['stopt', 'stop'],
  ['usubscribe', 'unsubscribe'],
  ['unscribe', 'unsubscribe'],
  ['unsubscibe', 'unsubscribe'],
  ['unsubcribe', 'unsubscribe'],
  ['unsuscribe', 'unsubscribe'],
  ['unsubscrib', 'unsubscribe'],
  ['unsusbcribe', 'unsubscribe'],
  ['cancle', 'cancel'],
  ['cancell', 'cancel'],
  ['revok', 'revoke'],
  ['quitt', 'quit'],
  ['doont', 'dont'],
]);

/** Optimal-string-alignment distance, bounded: returns max+1 as soon as it is exceeded. */
function osaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Maps a folded token to the word the patterns use, correcting emphasis and known typos. */
function canonicalWord(tok: string): string {
  if (VOCAB.has(tok)) return tok;
  const typo = TYPOS.get(tok);
  if (typo !== undefined) return typo;
  if (tok.length >= 3 && !NO_SQUEEZE.has(tok)) {
    const s = squeeze(tok);
    const hasTriple = hasTripleRun(tok);
    // Runs of 3+ are emphasis and always squeezed ("nooo", "stoppp"); otherwise only words of 4+ letters, so
    // short real words ("son", "ned") are never rewritten.
    if (hasTriple || tok.length >= 4) {
      const w = SQUEEZE_MAP.get(s);
      if (w !== undefined) return w;
    }
    if (hasTriple) return s;
  }
  // Misspelt "unsubscribe" (never "subscribe": the token must start with "un").
  if (tok.length >= 9 && tok.length <= 14 && tok.startsWith('un') && osaDistance(tok, 'unsubscribe', 2) <= 2) {
    return 'unsubscribe';
  }
  return tok;
}

interface Token {
  /** Folded text as written (lower case, accents removed). */
  raw: string;
  /** Canonical text the patterns see. */
  word: string;
  /** [start, end) in the original body. */
  start: number;
  end: number;
  /** [start, end) in the normalised text. */
  normStart: number;
  normEnd: number;
}

interface Normalized {
  text: string;
  tokens: Token[];
}

const FOLD_CACHE = new Map<string, string>();

/** Lower-cases and strips accents from one non-ASCII character ("É" -> "e", "ñ" -> "n", "Ｓ" -> "s"). */
function foldChar(ch: string): string {
  let f = FOLD_CACHE.get(ch);
  if (f === undefined) {
    f = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    if (!/^[a-z0-9]+$/.test(f)) f = '';
    if (FOLD_CACHE.size < 4096) FOLD_CACHE.set(ch, f);
  }
  return f;
}

/** Character classes used by normalize(). */
const WORD = 0;
const APOSTROPHE = 1;
const SPACE = 2;
const CLAUSE = 3;
type CharClass = typeof WORD | typeof APOSTROPHE | typeof SPACE | typeof CLAUSE;

/** Apostrophes are dropped inside words so "don't", "don’t" and "dont" are the same word. */
const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '`', '\u00b4', '\u02bc', '\u2032']);
/** Sentence punctuation: ends a clause. Everything else that is not a letter or digit is a word break. */
const CLAUSE_BREAKS = new Set(['.', ',', '!', '?', ';', ':', '\n', '\r', '\u2026', '\u00bf', '\u00a1', '\u3002', '\uff01', '\uff1f', '\uff0c']);

function normalize(body: string): Normalized {
  const tokens: Token[] = [];
  let text = '';
  let pendingClause = false;
  // The current word: body[curStart, curEnd). While `simple`, it is plain ASCII and is sliced from the body at the
  // end; after the first apostrophe or non-ASCII letter it is built in `built`.
  let curStart = -1;
  let curEnd = -1;
  let simple = true;
  let built = '';

  const flush = (): void => {
    if (curStart < 0) return;
    const raw = simple ? body.slice(curStart, curEnd).toLowerCase() : built;
    if (raw !== '') {
      const word = canonicalWord(raw);
      if (text !== '') text += pendingClause ? '\n' : ' ';
      pendingClause = false;
      const normStart = text.length;
      text += word;
      tokens.push({ raw, word, start: curStart, end: curEnd, normStart, normEnd: text.length });
    }
    curStart = -1;
    simple = true;
    built = '';
  };
  /** Switches the current word to the slow path, keeping what was read so far. */
  const unsimplify = (): void => {
    if (simple) {
      built = body.slice(curStart, curEnd).toLowerCase();
      simple = false;
    }
  };

  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) {
      if (curStart < 0) curStart = i;
      else if (!simple) built += String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
      else if (curEnd !== i) {
        // An apostrophe was skipped inside the word.
        unsimplify();
        built += String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
      }
      curEnd = i + 1;
      continue;
    }
    const ch = body[i]!;
    let cls: CharClass;
    let folded = '';
    if (code < 128) {
      cls = code === 39 || code === 96 ? APOSTROPHE : CLAUSE_BREAKS.has(ch) ? CLAUSE : SPACE;
    } else if (APOSTROPHES.has(ch)) {
      cls = APOSTROPHE;
    } else if (CLAUSE_BREAKS.has(ch)) {
      cls = CLAUSE;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // Astral character (emoji and the like): a word break. Skip its low surrogate.
      cls = SPACE;
      const next = body.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    } else {
      folded = foldChar(ch);
      cls = folded === '' ? SPACE : WORD;
    }
    if (cls === WORD) {
      if (curStart < 0) {
        curStart = i;
        simple = false;
      } else {
        unsimplify();
      }
      built += folded;
      curEnd = i + 1;
    } else if (cls === APOSTROPHE) {
      // Inside a word: dropped ("don't" -> "dont"). Elsewhere: ignored.
    } else {
      flush();
      if (cls === CLAUSE && text !== '') pendingClause = true;
    }
  }
  flush();
  return { text, tokens };
}

/** The original text covering normalised range [from, to). */
function originalSpan(body: string, tokens: readonly Token[], from: number, to: number): string {
  let first: Token | undefined;
  let last: Token | undefined;
  for (const t of tokens) {
    if (t.normEnd <= from) continue;
    if (t.normStart >= to) break;
    first ??= t;
    last = t;
  }
  if (first === undefined || last === undefined) return '';
  return body.slice(first.start, last.end);
}

/** Looks the whole message up as a keyword. */
function wholeMessageKeyword(body: string, tokens: readonly Token[]): ConsentKeywordMatch | null {
  if (tokens.length === 0) return null;
  const allSingleLetters = tokens.length > 1 && tokens.every((t) => t.word.length === 1);
  if (tokens.length > 3 && !allSingleLetters) return null;
  const spaced = tokens.map((t) => t.word).join(' ');
  const joined = tokens.map((t) => t.word).join('');
  const entry = WHOLE_MESSAGE_KEYWORDS.get(spaced) ?? WHOLE_MESSAGE_KEYWORDS.get(joined);
  if (entry === undefined) return null;
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const exactTwilio = entry.twilio && tokens.length === 1 && first.raw === first.word;
  const rule = entry.language === 'es' ? 'es_keyword' : exactTwilio ? 'twilio_keyword' : 'keyword_variant';
  return { kind: entry.kind, matched: body.slice(first.start, last.end), rule, language: entry.language };
}

/**
 * Detects an opt-out, opt-in or help request in an inbound SMS body.
 *
 * Order: (1) the whole message as a keyword (a bare "CANCEL", "END" or "QUIT" is an opt-out even though "cancel my
 * appointment" is not); (2) free-text opt-out in English or Spanish. Opt-in and help are only ever whole-message
 * keywords: "yes please" and "help, my basement is flooding" return null and go to triage.
 *
 * Input handling: trimmed; case-insensitive; accents folded ("número" = "numero"); curly quotes and apostrophes
 * ("don’t" = "dont"); surrounding punctuation and emoji ignored ("Stop.", " STOP!!", "stop 🛑", "'Unsubscribe'");
 * emphasis ("STOPPP", "nooo more texts"); a few safe typos ("stpo", "unsubscibe", "s t o p").
 *
 * Sources:
 * - Twilio default keywords on long codes (TWILIO.md "Opt-out behaviour"): STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
 *   QUIT, REVOKE, OPTOUT opt out; START, UNSTOP, YES opt back in; HELP, INFO get help. Twilio only acts on a
 *   single-word message, so "Stop please" must be caught here.
 * - CTIA Messaging Principles and Best Practices: honour STOP and common opt-out words, HELP/INFO.
 * - FCC 47 CFR 64.1200(a)(10), in force since 2025-04-11: consent may be revoked "by any reasonable means",
 *   including reply texts in the consumer's own words ("stop texting me", "leave me alone", "no me escriban").
 *
 * Judgment calls: recall over precision for opt-outs, but requests about the house or the appointment are not
 * opt-outs ("my heater stopped working", "stop by tomorrow", "stop sign", "cancel my appointment", "end of the week",
 * "the leak won't quit", "don't stop"). "cancel please" alone is not an opt-out (most often an appointment reply);
 * a bare "CANCEL" is. "wrong number" and "not interested" alone are not opt-outs (separate triage intents) unless
 * they come with "stop". A bare "SÍ"/"SI" is reported as Spanish opt-in with rule 'es_keyword' (not a Twilio
 * keyword; the caller decides whether to honour it).
 * "Don't text me, call me" is an opt-out (texting is revoked); "don't text me before 8am" is not (a timing wish).
 * A sentence that is only "Stop!" is an opt-out whatever follows, so "Stop! Water everywhere" is one too: a rare
 * false stop is accepted to never miss "STOP!!! wrong person".
 *
 * Pure: no I/O, clock or randomness.
 *
 * @returns the match, or null when the message is none of these.
 */
export function detectConsentKeyword(body: string): ConsentKeywordMatch | null {
  if (typeof body !== 'string' || body.length === 0) return null;
  const { text, tokens } = normalize(body);
  if (tokens.length === 0) return null;

  const keyword = wholeMessageKeyword(body, tokens);
  if (keyword !== null) return keyword;

  if (!anyFreeTextRule(text)) return null;
  const hit = widestLeftmostHit(text);
  if (hit === null) return null;
  const matched = originalSpan(body, tokens, hit.start, hit.end) || body.trim();
  return { kind: 'opt_out', matched, rule: 'free_text', language: FREE_TEXT_RULES[hit.rule]!.language };
}
