/**
 * Deterministic triage rules: the messages that must never be missed (safety hazards, emergencies) and the
 * ones that must outrank an opt-out (rule-confirmed spam). Opt-out itself is NOT here: it is
 * `detectConsentKeyword` in src/core/send-policy/opt-out-keywords.ts, reused by classify.ts.
 *
 * Design: recall first for safety. A false "safety" costs a page to the on-call technician; a missed gas leak
 * can cost a life. So the safety patterns are broad (any mention of a gas smell, a CO alarm going off, smoke,
 * a burning smell, sparks, a hot/buzzing/melted outlet or panel, exposed wires, a shock) and only a few explicit
 * non-hazards are excluded: negations right before the hazard ("no gas smell", "don't smell gas anymore"), gas
 * as a fuel ("gas water heater", "gas line for a stove"), smoke/CO detector installs and battery chirps, "smoke
 * damage" from an old fire, a technician who "smoked in my garage", the normal "burning dust" smell of a furnace's
 * first run, "spark plug". Emergencies follow DESIGN.md §4: no heat in the cold (or with vulnerable people, or a
 * bare "NO HEAT"), no cooling with vulnerable people or extreme heat, active leak / flood / burst pipe, sewage
 * backup, roof leaking in a storm; past events ("the flood last year") and conditionals ("leaks when it rains")
 * are excluded.
 *
 * All patterns run on {@link normalizeForRules} text: lower case, accents folded, apostrophes dropped
 * ("don't" → "dont"), every other non-alphanumeric character a space, except sentence punctuation which becomes
 * " | " (a clause break that `\w` never crosses). Every regular expression is compiled once at module load; no
 * pattern has nested unbounded repetition (inbound text is attacker-controlled).
 *
 * Pure: no I/O, clock or randomness.
 */
import { foldText } from './features.ts';
import { buildTypoMap } from './typos.ts';

/** A rule that fired: its id and the words that matched (normalised). */
export interface RuleHit {
  rule: string;
  matched: string;
}

/**
 * Words the hazard and emergency rules depend on. Their common typos (one adjacent transposition: "smlel",
 * "saprks", "backnig"; one dropped letter in words of 5+ letters: "smel", "panl"; one doubled letter: "smelll")
 * are mapped back to the word before the rules run, so a misspelt gas smell is still a gas smell.
 */
const TYPO_KEYWORDS = (
  'smell smells smelled smelling odor propane spark sparks sparked sparking panel panels outlet outlets breaker ' +
  'burning burnt smoke smoking smoky carbon monoxide alarm detector wires wiring exposed shocked melted melting ' +
  'leaking leaks flooding flooded flood pouring gushing spraying burst sewage sewer backing coming water waters ' +
  'ceiling everywhere through furnace heater boiler freezing degrees storm raining urgent ' +
  'chispas quemado caliente enchufe zumbido humo calefaccion tenemos inundo inundado inundada urgente monoxido ' +
  'alarma tuberia revento goteando tormenta'
).split(' ');

/**
 * Real words among those variants: never rewritten ("selling" is not "smelling", "parking" is not "sparking",
 * "16 SEER" is not "sewer"). Found by listing every variant and checking it against English and Spanish words.
 */
const TYPO_REAL_WORDS = new Set([
  'baking', 'beaker', 'bunt', 'burs', 'cliente', 'door', 'eater', 'ewer', 'expose', 'food', 'freeing', 'hater',
  'hocked', 'ires', 'leas', 'meted', 'meting', 'moke', 'oiler', 'pane', 'panes', 'park', 'parked', 'parking',
  'parks', 'poring', 'praying', 'seer', 'sell', 'sells', 'selling', 'socked', 'soke', 'spar', 'spared', 'sparing',
  'spars', 'spaying', 'swage', 'though', 'torment', 'trough', 'wire', 'wring',
]);

const TYPO_MAP: ReadonlyMap<string, string> = buildTypoMap(TYPO_KEYWORDS, TYPO_REAL_WORDS);

/** Normalised text the rule patterns run on (see the module comment). */
export function normalizeForRules(text: string): string {
  const base = foldText(text)
    .replace(/'/g, '')
    .replace(/(?<=[a-z0-9])[./](?=[a-z0-9])/g, ' ')
    .replace(/[.!?;,\n\r:()]+/g, ' | ')
    .replace(/[^a-z0-9|$%]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
  const words = base.split(' ');
  for (let i = 0; i < words.length; i++) {
    const fixed = TYPO_MAP.get(words[i]!);
    if (fixed !== undefined) words[i] = fixed;
  }
  return ' ' + words.join(' ') + ' ';
}

/** Up to n words: `(?: \w+){0,n}` without nested quantifiers on overlapping alternatives. */
const W = (n: number): string => String.raw`(?: [a-z0-9$%]+){0,${n}}`;

interface Rule {
  id: string;
  re: RegExp;
  /** When this matches the clause around the hit, the hit is ignored. */
  unless?: RegExp;
  /** Skip when a negation ("no", "not", "don't", ...) is right before the hit (within 2 words, same clause). */
  negatable?: boolean;
}

const NEGATION_BEFORE = new RegExp(
  String.raw`(?:^| )(?:no|not|dont|do not|doesnt|does not|didnt|did not|never|without|no longer|nothing|isnt|wasnt|zero|ni|sin|nunca|tampoco)${W(2)} $`,
);

/** Past events and conditionals: "the flood last year", "it leaks when it rains", "an old leak". */
const PAST = String.raw`\b(?:last (?:week|month|year|winter|spring|summer|fall|time|rain|storm)s?|ago|years back|previous(?:ly)?|old leak|prior|history of|back in|when it rains|whenever it rains|if it rains|after the last|had (?:a|an) (?:burst|flood|leak)|was (?:fixed|repaired)|got fixed|been fixed|insurance claim)\b`;

// ---------------------------------------------------------------------------------------------------------------
// Safety hazards (English and Spanish)
// ---------------------------------------------------------------------------------------------------------------

const SMELL = String.raw`(?:smell|smells|smelled|smelt|smelling|smellin|smel|smeel|odor|odors|odour|stench|stink|stinks|stinking|reeks)`;
const GAS = String.raw`(?:gas|propane|natural gas|methane|mercaptan)`;
const ALARM_STRONG = String.raw`(?:going off|goes off|went off|gone off|keeps? going off|beeping|beeps|beeped|sounding|sounded|alarming|alarmed|ringing|screaming|blaring|activated|triggered|says|said|reads|reading|shows|showing|detected|detecting|detects|went crazy|wont stop|will not stop|alert\w*|emergency|keeps? beeping)`;
const ALARM_ON = String.raw`(?:${ALARM_STRONG}|chirp\w*)`;

const SAFETY_RULES: readonly Rule[] = [
  {
    id: 'safety.gas_smell',
    re: new RegExp(
      String.raw`\b${SMELL}${W(3)} (?:${GAS}|rotten eggs?|sulfur|sulphur)\b|\b${GAS} (?:smell|smells|smelling|odor|odour|stench|small)\b|\brotten eggs?\b|\b${GAS}\b${W(8)} (?:smell|smells|smelling|smelled) (?:it|that|something)\b|\b(?:huele|huelen|olor|oliendo|apesta|peste)${W(2)} (?:a )?gas\b`,
    ),
    negatable: true,
    unless: /\b(?:smell|odor) (?:is |has )?(?:gone|went away)\b/,
  },
  {
    id: 'safety.gas_leak',
    re: new RegExp(
      String.raw`\b${GAS} (?:leak|leaks|leaking|leakage)\b|\b${GAS}(?: line| meter| valve| pipe| tank)? (?:is |was |keeps )?(?:hissing|leaking)\b|\b(?:hissing|hiss)${W(4)} (?:gas|meter)\b|\bfuga de gas\b|\bgas${W(3)} fuga\b|\bse (?:sale|escapa) (?:el )?gas\b`,
    ),
    negatable: true,
  },
  {
    // A CO alarm that is going off: always a hazard, whatever else the message says.
    id: 'safety.co_alarm',
    re: new RegExp(
      String.raw`\b(?:co|co2|carbon monoxide|monoxide|carbon|nest protect|kidde)${W(3)} (?:alarm|alarms|detector|detectors|monitor|sensor|alert)${W(3)} ${ALARM_STRONG}\b|\b(?:alarma|detector|sensor)${W(1)} de (?:co|monoxido)${W(4)} (?:sonando|suena|sono|activo|pitando|prendio|no para|no deja)\w*|\b(?:co|carbon monoxide) (?:alarm|detector|monitor)${W(1)} (?:is |keeps )?(?:on|off)\b|\b(?:alarm|detector|monitor|sensor)${W(2)} (?:says|said|reads|reading|shows|showing|detected|detecting|detects) (?:co|co2|carbon monoxide|monoxide)\b|\bcarbon monoxide detected\b|\b\d+ ppm\b`,
    ),
  },
  {
    // Any other mention of carbon monoxide, unless it is about buying, installing or batteries.
    id: 'safety.co_mention',
    re: new RegExp(
      String.raw`\bcarbon monoxide\b|\bmonoxido\b|\b(?:co|co2) (?:alarm|alarms|detector|detectors|monitor|levels?|reading)\b`,
    ),
    unless: new RegExp(
      String.raw`\b(?:install\w*|replace\w*|new|buy|sell|price|cost|quote|how much|batter(?:y|ies)|low battery|test(?:ed|ing)?|inspection) ${W(3)}(?:co|carbon monoxide|smoke)? ?(?:alarm|detector)s?\b(?!${W(4)} (?:going off|went off|beeping|sounding))|\b(?:alarm|detector)s?${W(3)} (?:batter(?:y|ies)|low battery|install\w*|replace\w*|expired)\b`,
    ),
  },
  {
    id: 'safety.smoke',
    re: new RegExp(
      String.raw`\b(?:smoke|smokes|smoking|smokey|smoky|smoked|humo|humea|humeando|echando humo)\b(?! (?:detector|detectors|alarm|alarms|damage|smell from (?:the )?fireplace))|\bsmoke (?:detector|alarm)s?${W(3)} ${ALARM_ON}\b`,
    ),
    negatable: true,
    unless: new RegExp(
      String.raw`\b(?:smoked|smoking|smokes) (?:in|on|inside|a|cigarettes?|weed|vape|near)\b|\bcigarett|\bvap(?:e|ing)\b|\bsmoke damage\b|\b(?:smoke|smoking) (?:detector|alarm)s?${W(3)} (?:chirp\w*|batter(?:y|ies)|install\w*|replace\w*)\b|\bdetectors? (?:install|replacement)|\bsmoke (?:detector|alarm)s? (?:install|replacement|inspection)`,
    ),
  },
  {
    id: 'safety.burning_smell',
    re: new RegExp(
      String.raw`\b(?:burning|burnt|burned|burn|melting|melted|electrical|electric|fire|hot plastic|scorched)${W(2)} ${SMELL}\b|\b${SMELL}${W(3)} (?:burning|burnt|burned|melting|melted|electrical|fire|scorched|hot plastic|something (?:is )?burning)\b|\b(?:olor|huele|huelen|oliendo)${W(2)} (?:a )?(?:quemado|quemada|cables? quemad\w*|plastico quemado|humo)\b|\bhuele (?:como )?a (?:algo )?quemad\w*`,
    ),
    negatable: true,
    unless: new RegExp(
      String.raw`\bburn\w* (?:off )?(?:the )?dust\b|\bdust${W(1)} burn\w*|\bdust smell\b|\bfirst time (?:on )?this (?:year|season|fall|winter)\b(?!${W(8)} (?:smoke|spark))`,
    ),
  },
  {
    id: 'safety.sparks',
    re: new RegExp(
      String.raw`\b(?:spark|sparks|sparked|sparking|sparkin|arcing|arced|arc flash|chispa|chispas|chispea|chispeando|chispazo|echa chispas|echando chispas|hizo chispas)\b`,
    ),
    negatable: true,
    unless: /\bspark ?plugs?\b|\bsparky s\b|\bsparkys\b|\bsparkling\b/,
  },
  {
    id: 'safety.hot_or_melted_electrical',
    re: new RegExp(
      String.raw`\b(?:outlet|outlets|plug|plugs|receptacle|socket|panel|breaker box|breaker panel|breakers|fuse box|switch|switches|wire|wires|wiring|cord|meter|meter base|enchufe|enchufes|tomacorriente|contacto|apagador|cables?)${W(5)} (?:is |was |are |feels |getting |got |esta |estan )?(?:hot|warm|melting|melted|scorched|charred|blackened|burnt|burned|smoldering|caliente|calientes|quemado|quemados|derretido)\b(?! (?:water|tub))|\b(?:melted|melting|scorched|charred|burnt|burned|blackened|smoking) (?:outlet|plug|socket|receptacle|switch|wire|wires|panel|cord|breaker)\b`,
    ),
    negatable: true,
    unless: /\bwarm air\b|\bswitch (?:for|to) (?:the )?hot water\b/,
  },
  {
    id: 'safety.buzzing_panel',
    re: new RegExp(
      String.raw`\b(?:panel|breaker box|breaker panel|breakers|fuse box|meter|outlet|outlets|subpanel|zinsco|federal pacific|enchufe|apagador|tomacorriente|contacto)${W(4)} (?:buzz|buzzing|buzzes|buzzed|humming loud\w*|crackling|crackles|sizzling|sizzles|popping noises?|zumbido|zumba)\b|\b(?:buzzing|crackling|sizzling|zumbido)${W(3)} (?:panel|breaker|breakers|outlet|fuse box|meter)\b`,
    ),
    negatable: true,
  },
  {
    id: 'safety.exposed_wires',
    re: new RegExp(
      String.raw`\b(?:exposed|bare|live|frayed|hanging|loose|uncapped|open) (?:live |electrical |electric )?(?:wire|wires|wiring)\b|\bwires? (?:are |is )?(?:exposed|hanging out|sticking out)\b|\bwire sticking out\b|\bcables? (?:pelados?|expuestos?|sueltos?|de luz sueltos?)\b`,
    ),
    negatable: true,
  },
  {
    id: 'safety.electric_shock',
    re: new RegExp(
      String.raw`\b(?:got|get|getting|gets|keep getting|keeps getting) (?:shocked|a shock|shocks|zapped|electrocuted)\b|\bshocks? (?:from|when|touching)\b|\belectrocut\w*|\b(?:me|le|nos) dio (?:toque|toques|corriente|una descarga)\b|\bdescarga electrica\b`,
    ),
    negatable: true,
    unless: /\bshock\w* (?:by|at|from|when i saw) (?:the |your |that )?(?:price|bill|quote|cost|invoice|estimate)\b/,
  },
  {
    id: 'safety.water_in_electrical',
    re: new RegExp(
      String.raw`\b(?:water|leak|leaking|dripping|wet)${W(6)} (?:into|in|on|onto|inside) (?:the )?(?:electrical panel|breaker panel|breaker box|panel|fuse box|meter)\b`,
    ),
  },
  {
    id: 'safety.power_line',
    re: new RegExp(String.raw`\b(?:power|electric|electrical|utility) lines? (?:is |are )?(?:down|sparking|on the ground|fell|hanging)\b|\bdowned (?:power )?lines?\b`),
  },
  {
    id: 'safety.fire',
    re: new RegExp(
      String.raw`\b(?:on fire|caught fire|caught on fire|flames?|flaming|fire coming|incendio|se prendio fuego|salen llamas|llamas saliendo)\b`,
    ),
    negatable: true,
    unless: /\bflame (?:sensor|rod)s?\b/,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Emergencies (no safety hazard)
// ---------------------------------------------------------------------------------------------------------------

const COLD = String.raw`(?:freezing|frozen|froze|below zero|below freezing|sub zero|subzero|in the teens|single digits|snow|snowing|blizzard|ice storm|icy|so cold|really cold|very cold|super cold|too cold|ice cold|bitter cold|cold in here|cold inside|house is cold|cold house|getting cold|the cold|cold weather|cold snap|its cold|frio|mucho frio|helad\w*|congel\w*|nevando)`;
const VULNERABLE = String.raw`(?:baby|babies|newborn|infant|month old|week old|toddler|toddlers|(?:little|small|young) (?:kids|children|ones|child)|elderly|elder|senior|grandma|grandmother|grandpa|grandfather|(?:dad|mom|mother|father|husband|wife|who|whos|that|thats) is (?:[6-9]\d|1[01]\d)|(?:seventy|eighty|ninety)|(?:[7-9]\d|1[01]\d) (?:year old|yr old|years old|yo)|disabled|disability|oxygen|hospice|pregnant|surgery|heart|dementia|sick|medical|health|special needs|wheelchair|cancer|chemo|dialysis|bebe|bebes|recien nacido|chiquit\w*|pequen\w*|abuelit\w*|anciano|mayor|embarazada|enferm\w*)`;
const HEAT_WORDS = String.raw`(?:heat wave|heatwave|extreme heat|excessive heat|scorching|burning up|so hot|really hot|too hot|very hot|unbearable|sweltering|mucho calor|calor)`;
const HEATING = String.raw`(?:furnace|(?<!water |hot water )heater|heat pump|heatpump|boiler|heating|heat|calefaccion|calentador(?! de agua)|calefactor)`;
const HEAT_FAIL = String.raw`(?:no heat|zero heat|without heat|heat (?:is |went |has gone |has been )?(?:out|off|gone|dead)|heats? not working|lost heat|no heating|no hay calefaccion|sin calefaccion|no tenemos calefaccion|se (?:descompuso|apago) (?:la )?calefaccion|${HEATING}${W(2)} (?:is |has )?(?:out|died|dead|quit|quits|broke|broken|stopped(?: working)?|not working|isnt working|wont (?:turn on|start|come on|kick on|fire|light|ignite|run|work)|doesnt work|not (?:turning|coming|kicking) on|went out|gave out|blowing cold|no funciona|no prende|no sirve|se descompuso))`;
const COOL = String.raw`(?:ac|a c|a\/c|air conditioner|air conditioning|air conditioners|air|central air|cooling|heat pump|condenser|compressor|mini split|minisplit|swamp cooler|aire|aire acondicionado|clima)`;
const COOL_FAIL = String.raw`(?:(?:se descompuso|no funciona|no sirve|no prende|no enfria) (?:el |mi )?(?:aire|clima|ac|minisplit)|no (?:ac|a c|air|cooling|air conditioning|aire)\b|without (?:ac|air|cooling)|(?:ac|air|aire) (?:is |went )?(?:out|down|gone)\b|${COOL}${W(2)} (?:is |has |went )?(?:out|down|died|dead|quit|broke|broken|stopped(?: working)?|not working|isnt working|wont (?:turn on|start|come on|kick on|cool|work|run)|not cooling|blowing (?:hot|warm)|went out|gave out|no funciona|no enfria|no prende|no sirve|se descompuso)|no tenemos aire|sin aire)`;

const EMERGENCY_RULES: readonly Rule[] = [
  {
    id: 'emergency.burst_pipe',
    re: new RegExp(
      String.raw`\b(?:burst|bursted|busted|broke|broken|exploded|blew|blown|ruptured)${W(3)} (?:pipe|pipes|supply line|water line|hose|water main|main line|water heater)\b|\b(?:pipe|pipes|supply line|water line|line|hose|water main|main|water heater|tank)${W(4)} (?:has |just |is )?(?:burst|bursted|busted|broke|exploded|split|blew|blown|ruptured|burst open|split open)\b|\bse (?:nos |me |le )?(?:revento|rompio|reventaron|rompieron)${W(2)} (?:tubo|tubos|tuberia|tuberias|calentador|manguera|linea)\b|\b(?:tubo|tuberia|calentador)(?: de agua)? (?:se )?(?:revento|rompio)\b`,
    ),
    unless: new RegExp(PAST),
  },
  {
    id: 'emergency.active_flood',
    re: new RegExp(
      String.raw`\bflood(?:ing|ed|s)?\b(?! ?lights?)|\bwaters? (?:is |was |s )?(?:pouring|gushing|spraying|spewing|shooting|everywhere|all over|flooding|rising|pooling everywhere|coming (?:in|through|thru|out|up|down|from|all over)|leaking (?:through|thru|everywhere|into|from the ceiling)|dripping (?:through|thru|from the ceiling)|going everywhere|running down)\b|\b(?:pouring|gushing|spraying|dumping|spewing)${W(2)} water\b|\b(?:leaking|leaks|leak) (?:everywhere|all over|bad|badly|heavily|like crazy|a lot|really bad|non ?stop)\b|\binches of water\b|\bstanding water\b|\bcant (?:shut|turn|get)(?: the| my)? (?:water|main|valve)(?: off)?\b|\bcant (?:find|locate) the (?:shut ?off|main|valve)\b|\bwont stop (?:leaking|pouring|spraying)\b|\boverflow\w*${W(4)} (?:wont|will not|doesnt|does not|cant|cannot) stop\b|\bceiling (?:is )?(?:caving|sagging|collapsing|coming down|pouring|dripping)\b|\binund\w*|\bagua por todos lados\b|\bno para el agua\b|\bse esta saliendo el agua\b`,
    ),
    unless: new RegExp(PAST + String.raw`|\bflood (?:insurance|zone|light|lights|plain)\b|\bno (?:active )?(?:leaks?|flooding)\b`),
  },
  {
    id: 'emergency.sewage_backup',
    re: new RegExp(
      String.raw`\bsewage\b|\braw sewer\b|\b(?:sewer|main line|main drain|mainline|sewer line)${W(2)} (?:is |has )?(?:backing|backed|back|backs) up\b|\b(?:toilets?|tub|bathtub|shower|floor drain|basement drain|basement|drains)${W(3)} (?:is |are )?(?:backing|backed) up\b|\b(?:poop|feces|waste) (?:everywhere|coming up|in the)\b|\baguas negras\b|\bse regreso el drenaje\b`,
    ),
    unless: new RegExp(PAST + String.raw`|\bsewage (?:ejector|pump) (?:install|quote)|\bsewer (?:camera|inspection|scope)\b|\bsew(?:age|er) (?:gas|smell|odor)\b`),
  },
  {
    id: 'emergency.roof_leak_storm',
    re: new RegExp(
      String.raw`\b(?:roof|ceiling|attic|skylight|chimney|shingles|tiles|rain|waters?|techo|agua)${W(6)} (?:leaking|leaks|coming in|coming through|pouring|dripping|getting in|pouring in|blew off|blown off|ripped off|tore off|torn off|gone|goteando|gotea|se mete|se metio|entrando)\b|\b(?:active )?roof leak(?:s|ing)?\b|\bse (?:metio|mete|esta metiendo) (?:el )?agua\b`,
    ),
    unless: new RegExp(PAST + String.raw`|\bstains?\b|\bno (?:active )?leaks?\b`),
  },
  {
    id: 'emergency.no_heat',
    re: new RegExp(HEAT_FAIL),
  },
  {
    id: 'emergency.no_cooling',
    re: new RegExp(COOL_FAIL),
  },
];

const SAFETY_ANY = anyOf(SAFETY_RULES);
const EMERGENCY_ANY = anyOf(EMERGENCY_RULES);

/** Roof rule context: a storm or rain happening now. */
const STORM = new RegExp(String.raw`\b(?:storm|storms|rain|raining|rains|rainstorm|downpour|hail|wind|winds|hurricane|tornado|tree (?:fell|limb)|tormenta|lluvia|lloviendo)\b`);
const BARE_NO_HEAT = new RegExp(String.raw`^(?: \|)* ?(?:no heat|heat is out|heat out|no heat no heat)(?: no heat| \||)*\s*$`);
const COLD_RE = new RegExp(String.raw`\b${COLD}\b`);
const VULNERABLE_RE = new RegExp(String.raw`\b${VULNERABLE}\b`);
/** Children in general: vulnerable in the cold (with no heat), not by themselves a reason when the AC is out. */
const CHILDREN_RE = /\b(?:kids|children|child|ninos|hijos)\b/;
const HEAT_RE = new RegExp(String.raw`\b${HEAT_WORDS}\b`);
const URGENT_RE = /\b(?:asap|urgent|urgente|emergency|emergencia|right away|tonight|immediately|please hurry)\b/;
const TEMP_RE = /(?<![\d$])(-?\d{1,3}) ?(?:degrees|degree|deg|grados|f\b|inside|in the house|out\b|outside|in here)|\b(?:thermostat|temp|temperature|temps|inside|indoors|house|home|hace)(?: \w+){0,2} (-?\d{1,3})\b/g;
/** Hot days may also be written "it's 108 today". */
const HOT_DAY_RE = /(?<![\d$])(?:9[5-9]|1[0-2]\d) ?(?:today|this week|tomorrow)\b/;
const NO_RUSH_RE = /\b(?:no rush|not urgent|whenever|next week|this week sometime|no hurry)\b/;

/** Temperatures mentioned ("52 degrees", "110 out", "it's 48 in here"). */
function temperatures(norm: string): number[] {
  const out: number[] = [];
  TEMP_RE.lastIndex = 0;
  for (let m = TEMP_RE.exec(norm); m !== null; m = TEMP_RE.exec(norm)) out.push(Number(m[1] ?? m[2]));
  return out;
}

/** The clause (between " | " breaks) around `index`. */
function clauseAround(norm: string, index: number, end: number): { text: string; start: number } {
  const start = norm.lastIndexOf('|', index) + 1;
  const stop = norm.indexOf('|', end);
  return { text: norm.slice(start, stop < 0 ? norm.length : stop), start };
}

const GLOBAL = new WeakMap<RegExp, RegExp>();

/**
 * One alternation of every pattern of a rule group: an exact pre-filter (if it does not match, no rule of the group
 * can), so the common message with no hazard, emergency or pitch costs one regex scan per group.
 */
function anyOf(rules: readonly Rule[]): RegExp {
  return new RegExp(rules.map((r) => `(?:${r.re.source})`).join('|'));
}

/** First hit of `rule` in `norm` that is not excluded (negated or `unless`). */
function firstHit(rule: Rule, norm: string): RuleHit | null {
  let re = GLOBAL.get(rule.re);
  if (re === undefined) {
    re = new RegExp(rule.re.source, 'g');
    GLOBAL.set(rule.re, re);
  }
  re.lastIndex = 0;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const clause = clauseAround(norm, m.index, m.index + m[0].length);
    if (rule.negatable) {
      const before = norm.slice(clause.start, m.index);
      if (NEGATION_BEFORE.test(before) && !/\bnot sure\b/.test(before)) continue;
    }
    if (rule.unless?.test(clause.text)) continue;
    return { rule: rule.id, matched: m[0].trim() };
  }
  return null;
}

/**
 * Safety hazards in `norm` (from {@link normalizeForRules}), in rule order; empty when none.
 * Every rule is tried so reasons can list all of them.
 */
export function safetyHits(norm: string): RuleHit[] {
  const hits: RuleHit[] = [];
  if (!SAFETY_ANY.test(norm)) return hits;
  for (const r of SAFETY_RULES) {
    const h = firstHit(r, norm);
    if (h !== null) hits.push(h);
  }
  return hits;
}

/** Non-safety emergencies in `norm`; empty when none. */
export function emergencyHits(norm: string): RuleHit[] {
  const hits: RuleHit[] = [];
  if (!EMERGENCY_ANY.test(norm)) return hits;
  for (const r of EMERGENCY_RULES) {
    const h = firstHit(r, norm);
    if (h === null) continue;
    if (r.id === 'emergency.roof_leak_storm' && !STORM.test(norm)) continue;
    if (r.id === 'emergency.no_heat') {
      const temps = temperatures(norm);
      const cold = COLD_RE.test(norm) || temps.some((t) => t <= 60);
      const bare = BARE_NO_HEAT.test(norm);
      const vulnerable = VULNERABLE_RE.test(norm) || CHILDREN_RE.test(norm);
      const urgent = URGENT_RE.test(norm) && !NO_RUSH_RE.test(norm);
      if (!(cold || bare || vulnerable || urgent)) continue;
    }
    if (r.id === 'emergency.no_cooling') {
      const temps = temperatures(norm);
      const hot =
        HEAT_RE.test(norm) ||
        HOT_DAY_RE.test(norm) ||
        temps.some((t) => t >= 95) ||
        (/\b(?:inside|indoors|in the house|in here|house is|home is)\b/.test(norm) && temps.some((t) => t >= 85));
      const vulnerable = VULNERABLE_RE.test(norm);
      if (!(hot || vulnerable)) continue;
    }
    hits.push(h);
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------------------------
// Spam (high precision only: a rule-confirmed spam outranks an opt-out, a model guess never does)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Pitches and scams no customer writes. Each alone confirms spam. Deliberately narrow: "do you charge processing
 * fees?", "does it come with an extended warranty?", "we're pre-approved for financing", "do you take gift
 * cards?" and "your Google listing shows the wrong hours" are customer questions and must not match.
 */
const SPAM_RULES: readonly Rule[] = [
  {
    id: 'spam.listing_scam',
    re: /\blisting department\b|\bgoogle(?: business| my business| maps)?(?: profile| listing)\b.*\b(?:suspend\w*|verify|verified within|unverified|flagged|removed|at risk|final notice)\b|\bbusiness listing\b.*\b(?:suspend\w*|verify|unverified|at risk|removed|final notice)\b/,
  },
  {
    id: 'spam.lead_gen',
    re: /\b(?:exclusive|storm|pay per call|shared|qualified|roofing|hvac|plumbing) (?:roofing |hvac |plumbing )?leads\b|\bleads in (?:your|the) (?:area|zip)\b|\bhomeowners (?:in \w+(?: \w+)? )?(?:looking|actively searching|searching) for (?:plumbers|electricians|roofers|hvac|contractors|your services)\b|\bclaim your (?:territory|spot|area)\b|\bjobs a month\b/,
  },
  {
    id: 'spam.marketing_pitch',
    re: /\b(?:seo|backlinks|web design|website redesign|ppc|google ads management|digital marketing agency|marketing agency|rank (?:number 1|1|1st|first) on google|first page of google|top of google|(?:5|five) star reviews|buy google reviews|review management|ai receptionist|virtual receptionists?|virtual assistants for|free (?:website )?audit|free truck wraps)\b/,
  },
  {
    id: 'spam.funding_offer',
    re: /\b(?:merchant (?:services|fees|funding)|(?:lower|cut|reduce) (?:your |ur )?(?:card |credit card )?processing (?:fees|rates?)|pre ?approved for (?:funding|a loan|business)|business funding|working capital|equipment (?:loan|financing)|pre ?approved for (?:a |up to )?\$|cash buyers|we buy houses|acquiring (?:hvac|plumbing|roofing|home service) businesses|interested in selling your business|prestamos rapidos)\b/,
  },
  {
    id: 'spam.scam',
    re: /\b(?:(?:vehicles?|car|auto|cars) (?:extended )?warranty|(?:won|claim)(?: a| your)? \$?\d*(?: \w+)? gift card|you(?:ve| have) won|has ganado|social security (?:administration|number has been)|your (?:amazon|icloud|apple|paypal|bank) account|account has been (?:locked|suspended|compromised)|(?:icloud|apple id) (?:has been|is) (?:compromised|locked)|cuenta (?:bancaria )?ha sido bloqueada|crypto opportunity|returns guaranteed|join our telegram|claimed your tax refund|free solar panels|package could not be delivered|unusual activity detected|earn \$?\d+k? ?(?:a|per)? ?week)\b|\b(?:bit ly|tinyurl com)\b/,
  },
];

/**
 * Marketing footers ("Reply STOP to opt out", "Msg&data rates may apply", "press 1 to speak"). They confirm spam
 * only together with the model predicting spam or another spam rule: a customer may well ask "do I reply stop to
 * unsubscribe?".
 */
const SPAM_FOOTER: Rule = {
  id: 'spam.marketing_footer',
  re: /\b(?:reply|txt|text|respond) (?:stop|end|yes|y)(?: to| 2)? (?:opt out|optout|unsubscribe|end|stop|cancel|claim|for (?:info|details|more))\b|\bmsg (?:and |n )?data rates\b|\bmessage and data rates\b|\bpress (?:one|1|nine|9|two|2) to\b/,
};

const SPAM_ANY = anyOf(SPAM_RULES);

/** Spam rules that confirm spam on their own; empty when none. */
export function spamHits(norm: string): RuleHit[] {
  const hits: RuleHit[] = [];
  if (!SPAM_ANY.test(norm)) return hits;
  for (const r of SPAM_RULES) {
    const h = firstHit(r, norm);
    if (h !== null) hits.push(h);
  }
  return hits;
}

/** A marketing footer, which confirms spam only with other evidence; null when none. */
export function spamFooterHit(norm: string): RuleHit | null {
  return firstHit(SPAM_FOOTER, norm);
}
