/**
 * Template-generated part of the triage corpus (see docs/triage.md). Deterministic: a seeded PRNG (mulberry32)
 * expands each label's templates, so `build-corpus.ts` always writes the same corpus.jsonl.
 *
 * Template syntax: `[a|b|c]` picks one alternative (nestable; `[a|]` makes `a` optional) and `{slot}` picks a value
 * from a pool below (pool values may themselves contain `[...]` and `{...}`). SMS messages then get a random
 * texting style (lower case, dropped apostrophes, "u"/"ur"/"pls", a typo, emoji, ALL CAPS) and voicemails are
 * lower-cased with fillers, the way transcription services return them.
 */
import type { CorpusLabel, CorpusLang, CorpusSource } from './handwritten.ts';

export interface GeneratedRow {
  text: string;
  label: CorpusLabel;
  source: CorpusSource;
  lang: CorpusLang;
}

interface TemplateGroup {
  label: CorpusLabel;
  source: CorpusSource;
  lang: CorpusLang;
  /** How many distinct messages to draw. */
  count: number;
  templates: readonly string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Slot pools
// ---------------------------------------------------------------------------------------------------------------

const POOLS: Record<string, readonly string[]> = {
  first: [
    'Maria', 'Jose', 'Tom', 'Linda', 'Priya', 'DeShawn', 'Kim', 'Brandon', 'Ashley', 'Luis', 'Carol', 'Mike', 'Jen',
    'Steve', 'Tanya', 'Raj', 'Heather', 'Marcus', 'Brenda', 'Kyle', 'Yolanda', 'Dan', 'Erin', 'Hector', 'Grace',
    'Omar', 'Becky', 'Travis', 'Lupe', 'Nancy', 'Derek', 'Mei', 'Frank', 'Shawna', 'Tyler', 'Rosa', 'Bill', 'Nikki',
  ],
  last: [
    'Garcia', 'Smith', 'Nguyen', 'Johnson', 'Patel', 'Williams', 'Lopez', 'Brown', 'Miller', 'Davis', 'Martinez',
    'Thompson', 'Kowalski', 'Okafor', 'Sullivan', 'Reyes', 'Chen', 'Hughes', 'Castillo', 'Baker',
  ],
  street: [
    'Birch', 'Maple', 'Willow', 'Camelback', 'Indian School', 'Oak Ridge', 'Cedar', 'Elm', 'Mesquite', 'Palo Verde',
    'Sunset', 'Lakeview', 'Mill', 'Pecan', 'Hillcrest', 'Juniper', 'Saguaro', 'Main', 'Orchard', 'Spring Creek',
  ],
  hood: [
    'Chandler', 'Gilbert', 'Mesa', 'Tempe', 'Scottsdale', 'Glendale', 'Peoria', 'Surprise', 'Ahwatukee', 'Arcadia',
    'Laveen', 'Goodyear', 'Queen Creek', 'Cave Creek', 'Fountain Hills', 'Sun City', 'Maryvale', 'Avondale',
    'Buckeye', 'Anthem', 'Paradise Valley', 'North Phoenix', 'Tolleson', 'San Tan Valley',
  ],
  wday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'tomorrow', 'today', 'this weekend', 'next week'],
  time: [
    'in the morning', 'after 3', 'before noon', 'around 10', 'after 5:30', 'between 8 and 12', 'anytime', 'first thing',
    'after lunch', 'after 4pm', 'at 9am', 'afternoon',
  ],
  phone: ['602-555-01{d}{d}', '480 555 01{d}{d}', '(623) 555-01{d}{d}', '520.555.01{d}{d}', '928-555-01{d}{d}'],
  spoken_phone: ['six oh two five five five oh one {dw} {dw}', 'four eight oh five five five oh one {dw} {dw}'],
  d: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  dw: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'oh'],
  hvac_brand: ['Carrier', 'Trane', 'Lennox', 'Rheem', 'Goodman', 'Bryant', 'American Standard', 'Amana', 'York', 'Daikin', 'Ruud', 'Payne'],
  wh_brand: ['Rheem', 'AO Smith', 'Bradford White', 'Navien', 'Rinnai', 'State', 'Noritz'],
  panel_brand: ['Square D', 'Siemens', 'Eaton', 'Federal Pacific', 'Zinsco', 'GE', 'Cutler Hammer'],
  age: ['5', '8', '10', '12', '15', '18', '20', '22', '25'],
  kid: ['a newborn', 'a baby', 'a 2 month old', 'an infant', 'two little kids', 'a toddler', 'a 6 week old'],
  elder: ['my elderly mom', 'my 85 year old dad', 'my grandmother', 'my father in law who is 90', 'an elderly parent', 'my disabled son', 'my wife who is pregnant', 'my husband who just had surgery'],
  cold: ['{cold_deg} degrees outside', 'below freezing tonight', 'freezing out', 'snowing', 'in the teens tonight', 'supposed to hit {cold_deg} tonight'],
  cold_deg: ['15', '20', '8', '25', '12', '-2', '30', '18'],
  inside_cold: ['50', '52', '48', '55', '45', '54'],
  hot_deg: ['105', '108', '112', '98', '110', '115', '101'],
  inside_hot: ['88', '90', '92', '95', '87', '93'],
  room: ['kitchen', 'basement', 'garage', 'laundry room', 'hallway', 'utility closet', 'master bath', 'crawlspace', 'attic', 'living room', 'bedroom'],
  ack: ['thanks', 'thank you', 'ty', 'thx', 'appreciate it', ''],
  emoji_bad: ['😩', '😫', '🥵', '🥶', '😬', '🙏', '😭', ''],
  emoji_ok: ['👍', '🙂', '😊', '🙏', ''],
  money: ['$4,800', '$6,200', '$11,900', '$8,450', '$2,300', '$14,750', '$975', '$3,600', '$18,200'],
  tech: ['Mike', 'Carlos', 'Jason', 'Steve', 'Dave', 'Ray', 'Chris', 'Juan', 'Tony', 'Matt', 'the tech', 'your tech', 'the estimator', 'your guy'],

  // Trade problems (non-urgent)
  hvac_unit: ['AC', 'air conditioner', 'a/c', 'furnace', 'heat pump', 'mini split', 'heater', 'air handler', 'swamp cooler', 'ac unit'],
  hvac_problem: [
    'blowing warm air', "won't turn on", 'making a rattling noise', 'short cycling', 'not keeping up', 'freezing up',
    'leaking water from the air handler', 'making a loud buzzing noise', 'running nonstop', "isn't cooling the upstairs",
    'blowing but not cooling', 'making a clicking sound', 'smelling musty', 'tripping the breaker', 'not turning off',
  ],
  plumbing_problem: [
    'kitchen sink is clogged', 'toilet keeps running', "water heater isn't making hot water", 'water pressure is really low',
    'garbage disposal is humming but not spinning', 'shower drain is super slow', 'bathroom faucet is dripping',
    'sump pump is not kicking on', 'tub spout is leaking', 'outdoor spigot is leaking', 'water softener is beeping',
    'toilet is wobbly', 'hot water runs out fast', 'main drain is gurgling', 'laundry drain backs up a little',
  ],
  electrical_problem: [
    'outlets in the living room stopped working', 'breaker keeps tripping', 'need a ceiling fan installed',
    'lights flicker in the kitchen', 'need an EV charger put in', "GFCI in the bathroom won't reset",
    'need a few more outlets in the garage', 'want recessed lighting in the family room', 'doorbell stopped working',
    'need a panel upgrade for a new AC', 'porch light fixture needs replacing', 'dimmer switch buzzes',
  ],
  roofing_problem: [
    'missing shingles after the wind', 'flashing around the chimney is loose', 'soft spot on the roof',
    'want a hail damage inspection', 'gutters pulling away from the fascia', 'tiles cracked on the back side',
    'roof is 20 years old and needs to be looked at', 'skylight has a stain around it', 'granules all over the driveway',
  ],
  restoration_problem: [
    'water damage in the bathroom from an old leak', 'mold growing behind the washer', 'musty smell in the basement after the flood last spring',
    'need the carpet dried out from a dishwasher leak last week', 'smoke damage from a small kitchen fire last month', 'stains on the ceiling from an old roof leak',
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Problem phrases shared by several labels
// ---------------------------------------------------------------------------------------------------------------

const PROBLEM = '[my {hvac_unit} is {hvac_problem}|{hvac_brand} {hvac_unit} is {hvac_problem}|the {plumbing_problem}|our {plumbing_problem}|{electrical_problem}|{roofing_problem}|{restoration_problem}|{wh_brand} water heater is {age} years old and {wh_issue}]';
POOLS.wh_issue = ['starting to rust', 'making popping noises', 'not heating well', 'leaking a little at the valve', 'running out of hot water'];

const GROUPS: readonly TemplateGroup[] = [
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'safety',
    source: 'sms',
    lang: 'en',
    count: 70,
    templates: [
      '[I|we] [smell|can smell|keep smelling] gas in the {room}[, what should we do?|, please send someone|. is this dangerous?|!!|, we are outside now|]',
      '[strong |really strong |]gas [smell|odor] [in the {room}|by the furnace|near the water heater|outside by the meter|by the stove][ {emoji_bad}|, please hurry|, can someone come asap|]',
      '[smells like|it smells like] [gas|rotten eggs] [in the {room}|around the furnace|by the {wh_brand} water heater][ and we have kids here|, help|]',
      '[our|the] [CO|carbon monoxide|CO2|co] [alarm|detector] [is going off|keeps going off|went off|is beeping nonstop|is sounding][ in the {room}|][, we opened the windows|, everyone has a headache|, what do we do|]',
      '[smoke|a lot of smoke|white smoke] [is coming|coming] [out of|from] the [{hvac_unit}|furnace|vents|{hvac_brand} unit|breaker panel|outlet][ {emoji_bad}|, we shut it off|]',
      '[burning smell|smells like burning|electrical burning smell|burning plastic smell|smells like something is burning] [from the vents|when the {hvac_unit} runs|in the {room}|from the outlet|near the panel][, please help|, we turned everything off|]',
      '[outlet|the outlet in the {room}|a switch|the breaker box|the panel] [sparked|is sparking|threw sparks|shot sparks][ and smells burnt| and the wall is black| when I plugged in the vacuum|]',
      '[the|our] [{panel_brand} |]panel is [buzzing|humming loud|crackling] and [hot|warm to the touch|smells hot][, should I shut the main off?|]',
      '[outlet|light switch|plug] in the {room} is [hot to the touch|melting|scorched][ and smells like burning plastic| and buzzing|]',
      '[exposed wires|live wires|bare wires] [in the {room}|hanging from the ceiling|sticking out of the wall][ and they sparked| with the kids around|, scared to touch anything|]',
      '[my husband|my daughter|I] got [shocked|a shock|zapped] [from the outlet|touching the panel|from the {hvac_unit} disconnect|from the light switch]',
    ],
  },
  {
    label: 'safety',
    source: 'voicemail',
    lang: 'en',
    count: 20,
    templates: [
      '[hi|yeah hi|hello] [um |uh |]this is {first}[ {last}|] [um |uh |]we [smell gas|have a gas smell|got a really strong gas smell] [in the {room}|by the furnace|near the water heater] [um |]please call me back [at {spoken_phone}|as soon as possible|right away]',
      '[hi|hey] [um |]the [carbon monoxide|CO] [alarm|detector] [is going off|keeps going off] [uh |]and [we are outside|the kids have headaches|we opened the windows] [um |]can somebody come [out tonight|right away|today] [thanks|]',
      "[yeah hi|hi] it's {first} [uh |]there's [smoke|a burning smell|sparks] [coming from|coming out of] the [outlet in the {room}|breaker panel|furnace|{hvac_unit}] [um |]we [shut it off|turned the breaker off|are kind of scared] please call [me back|us] [at {spoken_phone}|]",
    ],
  },
  {
    label: 'safety',
    source: 'sms',
    lang: 'es',
    count: 14,
    templates: [
      '[huele a gas|hay olor a gas|huele mucho a gas] en [la cocina|el garage|el cuarto de lavado|la casa][, qué hacemos?|, urgente|, ya salimos|]',
      '[la alarma de monóxido|el detector de monóxido de carbono|la alarma de CO] [está sonando|no deja de sonar|se activó][, ayuda|, urgente|]',
      '[sale humo|salen chispas|huele a quemado] [del enchufe|del panel|del calentador|del aire|de la pared][, por favor vengan|, urgente|]',
      '[el enchufe|el panel eléctrico|el apagador] está [muy caliente|echando chispas|haciendo un zumbido y caliente]',
    ],
  },
  {
    label: 'safety',
    source: 'form',
    lang: 'en',
    count: 8,
    templates: [
      '[Gas smell|Gas odor|Smell of natural gas] [in {room}|near furnace|at water heater]. [Please send a technician ASAP.|Gas company was called.|Occupants have left the home.]',
      '[CO alarm|Carbon monoxide detector] [activated|sounding] [near furnace|in hallway|in basement]. [{hvac_brand} furnace, {age} years old.|Need inspection today.]',
      '[Outlet|Breaker panel|Light switch] [sparking|smoking|hot and buzzing] in {room}. [Breaker turned off.|Need electrician today.]',
    ],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'emergency',
    source: 'sms',
    lang: 'en',
    count: 70,
    templates: [
      '[no heat|heat is out|furnace died|our furnace quit|heater stopped working|boiler is out] and [its|it is|it’s] {cold}[, we have {kid}|, {elder} lives with us|, house is {inside_cold} inside|][ {emoji_bad}|, please help|, need someone today|]',
      '[no heat|our heat went out|the furnace is not working] [and|with] {kid} [in the house|at home][, its {inside_cold} inside|, please hurry|]',
      '[AC|our ac|the air conditioner|AC unit] [is out|died|quit|stopped working|not working at all] and [its|it is] {hot_deg} [out|outside|today][, {elder} is here|, we have {kid}|, inside is {inside_hot}|][ {emoji_bad}|, urgent|]',
      '[AC|a/c] [out|down] with {elder} at home, [house is {inside_hot} degrees|its {hot_deg} out][, please come today|]',
      '[pipe burst|a pipe burst|burst pipe|pipe broke] [in the {room}|under the sink|in the wall|in the ceiling][, water everywhere|, water is pouring out|, flooding|, cant find the shutoff|][ {emoji_bad}|!!|]',
      '[water is|water’s] [pouring|gushing|spraying|coming] [through the ceiling|out of the wall|from under the water heater|all over the {room} floor][, please send someone now|, help|]',
      '[sewage|sewer] [is backing up|backed up|coming up] [into the tub|through the floor drain|in the basement|in the shower][ and the toilets are gurgling|, smells horrible|, help|]',
      '[{room} is flooding|{room} flooded|basement is flooding][, sump pump failed|, water heater burst|, washer hose broke|][, need help now|]',
      '[roof is leaking|water coming through the roof|roof leaking] [bad |really bad |]with this [storm|rain][, into the {room}|, buckets everywhere|, ceiling is dripping|]',
      '[the storm|wind] [tore|ripped|blew] [shingles|part of the roof|tiles] off and [rain|water] is [coming in|pouring into the attic|leaking through the ceiling]',
      '[water heater|the {wh_brand} water heater] [burst|is dumping water|is leaking everywhere|split open][ in the {room}|][, water all over|]',
    ],
  },
  {
    label: 'emergency',
    source: 'voicemail',
    lang: 'en',
    count: 22,
    templates: [
      '[hi|yeah hi|hello] [um |uh |]this is {first} [at {age}{age} {street}|on {street}|] [um |]we have [no heat|a burst pipe|water coming through the ceiling|sewage backing up in the basement] [and|uh and] [we have {kid}|{elder} is here|it is {cold}|it is getting worse] please call me back [right away|at {spoken_phone}|as soon as you can]',
      "[hey|hi] it's {first} [uh |]our [ac|air conditioning] [is out|went out|stopped working] [um |]and it's like {inside_hot} [in the house|inside] and [{elder} lives with us|we have {kid}] [please|we really need somebody today]",
      '[hi|yeah] [um |]the [basement|{room}] is flooding [um |]the [sump pump|water heater|washer hose] [died|burst|broke] [please help|we need someone now|call me back]',
      '[hi|hello] [this is {first} |]the roof is leaking [really bad |]with [this storm|the rain] [um |]water is coming [into the {room}|through the ceiling] [please send someone|call me back]',
    ],
  },
  {
    label: 'emergency',
    source: 'sms',
    lang: 'es',
    count: 12,
    templates: [
      '[no hay calefacción|se descompuso la calefacción|no tenemos calefacción] y [hace mucho frío|está helando][, tengo {kid_es}|, mi mamá es mayor|][, urgente|]',
      '[se reventó|se rompió] [un tubo|la tubería|el calentador] [y hay agua por todos lados|en la cocina|en el baño][, ayuda|, urgente|]',
      '[el aire no funciona|se descompuso el aire|no tenemos aire] y hace {hot_deg} grados[, mi abuelita vive aquí|, tengo {kid_es}|]',
      '[se está inundando|se inundó] [el sótano|la cocina|el baño][, vengan rápido|, urgente|]',
      '[están saliendo aguas negras|se regresó el drenaje] [en la regadera|en el baño|por el piso][, urgente|]',
    ],
  },
  {
    label: 'emergency',
    source: 'form',
    lang: 'en',
    count: 8,
    templates: [
      '[No heat|Furnace not working]. [Indoor temp {inside_cold}.|Outside temp below freezing.] [Infant in home.|Elderly occupant.|Need service today.]',
      '[Burst pipe|Active leak|Water heater failure] in {room}. [Water shut off at main.|Cannot locate shutoff.|Water spreading.] [Need plumber now.|Please dispatch.]',
      '[AC not working|No cooling]. [Indoor temp {inside_hot}.|{hot_deg} outside.] [Elderly resident with health issues.|Newborn at home.]',
      '[Roof leak|Active roof leak] during [storm|heavy rain]. [Water entering {room}.|Ceiling saturated.]',
    ],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'stop',
    source: 'sms',
    lang: 'en',
    count: 40,
    templates: [
      '[please |pls |]stop [texting|messaging|contacting] [me|this number][, {stop_reason}|]',
      '[{stop_reason}|{stop_reason}.] [please |]stop[ texting| messaging|]',
      '[remove|take] [me|this number|my number] [off|from] your [list|texting list|contact list][ please| asap|][, {stop_reason}|]',
      "[don't|do not|dont] [text|contact|message] me [again|anymore][, {stop_reason}|]",
      '[no more texts|no more messages|unsubscribe|opt me out][ please|, {stop_reason}|]',
      '[{stop_reason}, |]lose my number',
      'STOP[.|!|!!] {stop_reason}',
    ],
  },
  {
    label: 'stop',
    source: 'sms',
    lang: 'es',
    count: 8,
    templates: [
      '[ya |por favor |]no me [manden|envíen] [mensajes|más mensajes|textos][, {stop_reason_es}|]',
      '[dejen de|paren de] [escribirme|mandarme mensajes][, {stop_reason_es}|]',
      '[quítenme|bórrenme|sáquenme] de su lista[ por favor|][, {stop_reason_es}|]',
    ],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'wrong_number',
    source: 'sms',
    lang: 'en',
    count: 30,
    templates: [
      '[wrong number|wrong #|you have the wrong number|wrong person][, {wrong_why}|][ {emoji_ok}|]',
      "[I didn't|I never|nobody here] [call|called] [you|your company|a plumber|an electrician|for service][, {wrong_why}|]",
      "[there's no|no] {first} [here|at this number][, wrong number|]",
      "[sorry|oops][,|] [my kid|my toddler|my phone] [must have|must've|probably] [called|dialed] you by accident",
      '[this is not|this isnt|not] {first}[, wrong number|, you have the wrong person|]',
    ],
  },
  {
    label: 'wrong_number',
    source: 'voicemail',
    lang: 'en',
    count: 10,
    templates: [
      "[hey|hi] {first} it's [mom|your sister|dad|{first}] [call me back|give me a call] [when you get this|tonight|]",
      '[hi|hello] [this message is for|calling for] {first} {last} [please call|this is your cousin|this is the dentist office confirming your appointment]',
      '[oh|uh] [sorry|oops] [wrong number|I dialed the wrong number|I meant to call someone else]',
    ],
  },
  {
    label: 'wrong_number',
    source: 'sms',
    lang: 'es',
    count: 5,
    templates: ['[número equivocado|se equivocaron de número|marcaron mal][, aquí no vive ningún {first}|, yo no les llamé|]'],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'complaint',
    source: 'sms',
    lang: 'en',
    count: 45,
    templates: [
      '[{tech}|Your tech|The plumber|The electrician|Your crew] [was supposed to come|said he would be here] {day} {time} and [nobody showed|never showed up|no one called][. {complaint_tail}|]',
      '[the|my] {hvac_unit} [you fixed|you guys repaired|that was just serviced] [last week|on {wday}|2 days ago] is [{hvac_problem} again|doing the same thing][. {complaint_tail}|]',
      '[you|y’all|your company] charged me {money} [for a 30 minute visit|and it still doesn’t work|for a part I never got|twice][. {complaint_tail}|]',
      '[{tech}|your guy|the crew] [left a mess|scratched the floor|broke a window|damaged my drywall|was rude to my wife|left the gate open][. {complaint_tail}|]',
      '[still leaking|still clogged|still not working|still no hot water] after [your plumber|your tech|{tech}] [was here|came out] [yesterday|on {wday}|last week][. {complaint_tail}|]',
      "[I've|I have] [called|texted|left messages] [3|4|5|several] times and [nobody|no one] [calls|has called|gets] back[. {complaint_tail}|]",
    ],
  },
  {
    label: 'complaint',
    source: 'voicemail',
    lang: 'en',
    count: 10,
    templates: [
      "[yeah|hi] this is {first} {last} [um |]you guys [were out|came out] [on {wday}|last week] for [my|the] [{hvac_unit}|water heater|drain|panel] and [it's|it is] [doing the same thing|worse now|still not working] [uh |]I [paid|already paid] {money} and [I'm not happy|I want this fixed|I want a refund] call me back",
      '[hi|hello] this is {first} [um |]I was supposed to have someone [here|come out] [between 8 and 12|this morning|today] and [nobody showed up|no one called] [this is the second time|this is ridiculous|I took the day off work]',
    ],
  },
  {
    label: 'complaint',
    source: 'sms',
    lang: 'es',
    count: 5,
    templates: [
      '[el técnico|el plomero|su trabajador] [nunca llegó|dejó todo sucio|no arregló nada][, {complaint_tail_es}|]',
      '[me cobraron|pagué] {money} y [sigue igual|no funciona][, {complaint_tail_es}|]',
    ],
  },
  {
    label: 'complaint',
    source: 'form',
    lang: 'en',
    count: 5,
    templates: [
      '[Service|Repair|Installation] on {wday} [did not fix the issue|caused damage to my {room}|was never completed]. [Requesting a refund.|Requesting a manager call.|Very dissatisfied.]',
    ],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'estimate_followup',
    source: 'sms',
    lang: 'en',
    count: 50,
    templates: [
      '[following up on|checking in on|question about|about] the [estimate|quote|proposal|bid] [for the|on the] {est_job}[. {est_tail}|, {est_tail}|]',
      '[{tech}|Your tech|The estimator] [quoted us|gave us a quote for|wrote up] {money} for the {est_job}. {est_tail}',
      '[got|received|looked over] [the|your] [estimate|quote|proposal] [for|on] the {est_job}[, {est_tail}|. {est_tail}]',
      '[we|I] [want to|would like to|are ready to] [move forward with|go ahead with|accept] the [quote|estimate|proposal|bid][ for the {est_job}|][, when can you start?|, what is next?|]',
      "[we're|we are] [still deciding|still thinking|comparing] on the {est_job} [quote|estimate][, {est_tail}|]",
    ],
  },
  {
    label: 'estimate_followup',
    source: 'voicemail',
    lang: 'en',
    count: 10,
    templates: [
      '[hi|yeah hi] this is {first} {last} [um |]{tech} came out [on {wday}|yesterday|last week] and gave us [a quote|an estimate] on the {est_job} [um |]{est_tail_vm} [give me a call|call me back|thanks]',
    ],
  },
  {
    label: 'estimate_followup',
    source: 'sms',
    lang: 'es',
    count: 6,
    templates: [
      '[sobre|acerca de] [el presupuesto|la cotización] [del|para el] [techo|aire|calentador|panel][, {est_tail_es}|]',
      '[ya revisamos|recibimos] [la cotización|el presupuesto][, {est_tail_es}|]',
    ],
  },
  {
    label: 'estimate_followup',
    source: 'form',
    lang: 'en',
    count: 5,
    templates: ['[Re:|Regarding|Following up on] [estimate|quote|proposal] #{d}{d}{d}{d} for {est_job}. [Ready to schedule.|Please send itemized version.|Does it include permit fees?|Can we discuss financing?]'],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'callback',
    source: 'sms',
    lang: 'en',
    count: 45,
    templates: [
      '[please |pls |can you |could you |]call me[ back|][ at {phone}| after {cb_time}| when you get a chance| {day}|][ {ack}|]',
      '[give me a call|gimme a call|give me a ring|call me back] [at {phone}|after {cb_time}|when you can|asap|{day} {time}][ {ack}|]',
      '[easier to talk|rather talk|I prefer to talk] on the phone[, call {phone}|, call me after {cb_time}|]',
      '[yes|yeah|sure][,|] [call me|please call|give me a call][ at {phone}| {day}|]',
      '[have|can] [someone|the owner|{tech}] call me[ at {phone}| after {cb_time}|][, {problem_short}|]',
      "[I'm|im] [at work|driving|busy right now][,|.] [call me|call] [after {cb_time}|at lunch|later][ {ack}|]",
    ],
  },
  {
    label: 'callback',
    source: 'voicemail',
    lang: 'en',
    count: 40,
    templates: [
      "[hi|yeah hi|hey|hello|good morning] [um |uh |]this is {first}[ {last}|] [calling about|um calling about|I'm calling about] [{problem_short}|getting a quote|some work at my house|my {hvac_unit}] [um |uh |][please |]call me back [at {spoken_phone}|when you get a chance|thanks|]",
      "[hi|hey] it's {first} [um |]I [got your text|saw the text|missed your call] [and |um |]I'd [rather|like to] talk [on the phone|to someone] [give me a call|call me back][ at {spoken_phone}|]",
      '[hello|hi] my name is {first} {last} [um |]I [live|am] in {hood} and [I need|we need] [someone to look at|help with] [{problem_short}|my {hvac_unit}|a leak under the sink] [uh |]please call me [back|] [at {spoken_phone}|today|thank you]',
    ],
  },
  {
    label: 'callback',
    source: 'sms',
    lang: 'es',
    count: 8,
    templates: [
      '[llámeme|llámame|me pueden llamar|me regresan la llamada][ por favor|][ al {phone}| después de las 5| mañana|]',
      '[mejor llámenme|prefiero hablar por teléfono][, {problem_es}|]',
    ],
  },
  {
    label: 'callback',
    source: 'form',
    lang: 'en',
    count: 5,
    templates: ['[Please call me|Call me|Phone call preferred] [regarding|about] [{problem_short}|a quote|service]. [Best time {cb_time}.|Number: {phone}.|]'],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'booking',
    source: 'sms',
    lang: 'en',
    count: 90,
    templates: [
      '[yes|yeah|yep|yes please|yes we still need help|still need help][,|.|] ' + PROBLEM + '[. can you come {day}?|, {day} {time} works|, when can you come?|]',
      PROBLEM + '[, can someone come out {day}?|. need someone to look at it|, can you send a tech {day}|. available {day} {time}|][ {emoji_bad}|]',
      '[can you|could you|can someone|can u] [come|come out|stop by|swing by] {day}[ {time}|][ to look at {problem_short}|]?',
      '[{day} {time}|{day}|{time} {day}] [works|is good|is fine|works for me][ {ack}|]',
      '[I need to|need to|can I|want to] [reschedule|move] [my appointment|the appointment|our visit] [to|for] {day}[ {time}|]',
      '[please |]cancel [my|the|our] [appointment|visit|service call] [for|on] [{wday}|tomorrow|{day}][, we will reschedule|, something came up|]',
      "[what do you have|what's available|any openings|do you have anything] {day}[?| for {problem_short}?]",
      '[need|looking for] [someone|a tech|a pro|somebody] [for|to fix|to look at] {problem_short}[ {day}|]',
      "[I'd like to|want to|need to] [schedule|book|set up] [a tune up|maintenance|an inspection|a repair] [for the|on my] [{hvac_unit}|water heater|roof|panel][ {day}|]",
    ],
  },
  {
    label: 'booking',
    source: 'voicemail',
    lang: 'en',
    count: 25,
    templates: [
      "[hi|yeah hi|hey|hello] [um |uh |]this is {first}[ {last}|] [in {hood}|on {street}|] [um |]" + PROBLEM + " [um |uh |]we'd like [someone to come out|to get on the schedule|an appointment] [{day}|this week|sometime next week][ thanks|]",
      '[hi|hello] [um |]I need [someone|a tech|a plumber|an electrician] to come [out |]{day} [to look at|for] {problem_short} [um |]{time} works [best|for me][ thanks|]',
    ],
  },
  {
    label: 'booking',
    source: 'sms',
    lang: 'es',
    count: 18,
    templates: [
      '[sí|si|sí por favor|sí, todavía necesito ayuda][,|.] {problem_es}[, pueden venir {day_es}?|]',
      '{problem_es}[, cuándo pueden venir?|, necesito una cita|, pueden venir {day_es}?]',
      '[quiero|necesito] [una cita|que vengan] {day_es}[ en la mañana| en la tarde|]',
      '[necesito cambiar|quiero mover] la cita para {day_es}',
    ],
  },
  {
    label: 'booking',
    source: 'form',
    lang: 'en',
    count: 12,
    templates: [
      '[Service request|Issue|Problem]: ' + PROBLEM + '. [Preferred time: {day} {time}.|Available {day}.|Flexible schedule.]',
      '[Need|Requesting] [maintenance|a repair|an inspection] [for|on] [{hvac_brand} {hvac_unit}|{wh_brand} water heater|{panel_brand} panel|the roof]. [Any day next week.|Mornings preferred.|{day} {time}.]',
    ],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'pricing',
    source: 'sms',
    lang: 'en',
    count: 60,
    templates: [
      '[how much|how much would it be|what would it cost|whats the cost|rough price|ballpark] for {price_job}[?|]',
      "[what's|what is|whats] your [service call fee|diagnostic fee|trip charge|hourly rate|after hours rate][?| for {price_job}?]",
      '[do you|do y’all|do u] [offer|have|do] [financing|payment plans|0% financing|any specials|coupons|senior discounts][ for {price_job}|]?',
      '[can I get|need|looking for] a [quote|price|rough estimate] [on|for] {price_job}[, {hvac_brand} if possible|]',
      '[are|is] [your estimates|the estimate|the quote] free[?| for {price_job}?]',
      '[how much|price] for a [{hvac_brand} {hvac_unit}|{wh_brand} water heater|{hvac_brand} {tons} ton system] [installed|replacement][?|]',
    ],
  },
  {
    label: 'pricing',
    source: 'voicemail',
    lang: 'en',
    count: 10,
    templates: [
      "[hi|yeah hi|hello] [um |]I was [wondering|calling to ask] [how much it is|what you charge|what it would cost] for {price_job} [um |]that's all [thanks|thank you]",
    ],
  },
  {
    label: 'pricing',
    source: 'sms',
    lang: 'es',
    count: 8,
    templates: ['[cuánto cuesta|cuánto cobran por|qué precio tiene|cuánto sale] {price_job_es}?', '[tienen|ofrecen] [financiamiento|descuentos|pagos mensuales][ para {price_job_es}|]?'],
  },
  {
    label: 'pricing',
    source: 'form',
    lang: 'en',
    count: 6,
    templates: ['[Requesting pricing|Looking for a price|Price quote needed] [for|on] {price_job}. [Home is {sqft} sq ft.|Current unit is {age} years old.|Interested in financing.]'],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'question',
    source: 'sms',
    lang: 'en',
    count: 55,
    templates: [
      '[do you|do y’all|do u|do you guys] [service|work in|cover|go out to] {hood}[?| area?]',
      '[do you|do you guys|can you] [work on|service|install|fix] [{hvac_brand}|{wh_brand}|{panel_brand} panels|tankless water heaters|mini splits|boilers|{hvac_brand} heat pumps][?| units?]',
      '[what are your hours|are you open|what time do you open|do you work] [on {wday}|on weekends|on holidays|today|]?',
      '[do you take|do you accept|can I pay with] [credit card|Venmo|Zelle|checks|Apple Pay|cash][?]',
      '[are you|is your company] [licensed|insured|bonded|licensed and insured|family owned|local][?]',
      '[what does|how does] [the membership|your maintenance plan|the service agreement|the warranty] [include|work|cover][?]',
      '[how long is|what is] [the warranty|your labor warranty|the parts warranty] on [a new {hvac_unit}|water heaters|repairs][?]',
      '[is this|are you] [the plumber|the AC company|the electrician|the roofing company][ from {hood}| my neighbor used|]?',
    ],
  },
  {
    label: 'question',
    source: 'sms',
    lang: 'es',
    count: 8,
    templates: ['[trabajan|dan servicio] en {hood}?', '[aceptan|toman] [tarjeta|efectivo|cheques]?', '[qué horario tienen|abren los {day_es}]?', '[arreglan|trabajan con] [{hvac_brand}|{wh_brand}|minisplits|calentadores sin tanque]?'],
  },
  {
    label: 'question',
    source: 'voicemail',
    lang: 'en',
    count: 6,
    templates: ['[hi|hello] [um |]I just [wanted to know|had a question] [if you service {hood}|if you work on {hvac_brand}|what your hours are|if you take credit cards] [that is all|thanks|thank you]'],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'already_handled',
    source: 'sms',
    lang: 'en',
    count: 50,
    templates: [
      '[all good|we are good|all set|never mind|nvm|no need][,|.] [{handled_why}|got it fixed|it is working now][ {ack}|][ {emoji_ok}|]',
      '[{handled_why}][, {ack}|. {ack}|]',
      '[no thanks|no thank you|not interested|not needed|no longer needed][, {handled_why}|]',
      '[we|I] [hired|went with|found|called] [someone else|another company|a different plumber|a guy from church][, {ack}|]',
    ],
  },
  {
    label: 'already_handled',
    source: 'sms',
    lang: 'es',
    count: 6,
    templates: ['[ya no|ya no necesito|no gracias|ya quedó][,|] [ya lo arreglaron|ya vino otra compañía|mi esposo lo arregló|ya funciona][, gracias|]'],
  },
  {
    label: 'already_handled',
    source: 'voicemail',
    lang: 'en',
    count: 5,
    templates: ["[hi|hey] it's {first} [um |]I called [earlier|yesterday] about [{problem_short}|my {hvac_unit}] but [{handled_why}|we got it taken care of] so [no need to call back|we are all set] [thanks|]"],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'spam',
    source: 'sms',
    lang: 'en',
    count: 30,
    templates: [
      '[Hi|Hey|Hello][ there|][!|,] [I|We] [help|work with] [plumbers|HVAC companies|contractors|roofers|electricians] [get|book] [{n}+ jobs a month|more 5-star reviews|to the top of Google|exclusive leads][. {spam_tail}|. Interested?]',
      '[Your|URGENT: Your] [Google Business Profile|business listing|Google Maps listing] [will be suspended|is unverified|has been flagged][. {spam_tail}|. Verify now: {spam_link}]',
      '[Pre-approved|You qualify|Congratulations! Approved] for [${n},000|up to $250k] [in business funding|working capital|equipment financing][. {spam_tail}|]',
      '[Lower|Cut] your [credit card processing fees|merchant fees] by {n}%[. {spam_tail}|]',
      '[Exclusive|Pay per call|Storm] [HVAC|plumbing|roofing] leads in {hood}, ${n} each[. {spam_tail}|]',
    ],
  },
  {
    label: 'spam',
    source: 'voicemail',
    lang: 'en',
    count: 8,
    templates: [
      '[hi|hello] this is {first} [with|from] [Local Leads Pro|the Google listing department|Premium Merchant Funding|Rank Up Marketing] [your business listing is at risk|we have homeowners in {hood} looking for your services|you have been pre-approved for funding] [press one to speak with a specialist|call me back to claim your spot|please call us back]',
    ],
  },
  {
    label: 'spam',
    source: 'form',
    lang: 'en',
    count: 6,
    templates: ['[Dear business owner|Hello|Hi there], [we offer|our agency provides] [SEO and web design|Google Ads management|virtual receptionists|review management] for [contractors|home service companies]. [{spam_tail}|Can we schedule a quick call?]'],
  },
  // ---------------------------------------------------------------------------------------------------------------
  {
    label: 'other',
    source: 'sms',
    lang: 'en',
    count: 30,
    templates: [
      '[ok|okay|k|got it|sounds good|cool|great|perfect][,|!|.|] [thanks|thank you|ty|thx|][ {emoji_ok}|]',
      "[I'll|I will|let me] [talk to my husband|check with my wife|ask my landlord|check my schedule] and [get back to you|let you know|text you back]",
      '[my address is {age}{age} {street}|the gate code is {d}{d}{d}{d}|my name is {first} {last}|the dog is friendly, just ring the bell]',
      "[are you hiring|is your company hiring|do you have any openings for techs][? I have {age} years experience|?]",
    ],
  },
];

/** Extra pools used by the groups above. */
Object.assign(POOLS, {
  kid_es: ['un bebé', 'niños chiquitos', 'un recién nacido'],
  stop_reason: ['wrong number', 'not interested', 'we hired someone else', 'already fixed', 'I never called you', 'we sold the house', 'I dont know who this is', 'this is getting annoying'],
  stop_reason_es: ['número equivocado', 'no me interesa', 'ya lo arreglamos', 'yo no les llamé'],
  wrong_why: ['I never called a plumber', 'I think my kid dialed you', 'I just got this number', 'nobody here needs service', 'this is a cell phone in Ohio'],
  complaint_tail: ['Unacceptable', 'Very disappointed', 'I want a refund', 'Not happy at all', 'Leaving a review', 'This is ridiculous', 'Worst experience ever', 'Please have a manager call me'],
  complaint_tail_es: ['muy mal servicio', 'quiero mi dinero', 'no estoy contento', 'qué mal'],
  est_job: [
    'new AC', 'furnace replacement', 'heat pump', 'water heater', 'tankless conversion', 'repipe', 'sewer line', 'panel upgrade',
    'roof replacement', 'roof repair', 'mini split', 'duct replacement', 'EV charger', 'whole house generator', 'water mitigation', 'mold remediation',
  ],
  est_tail: [
    'does it include the permit?', 'any flexibility on the price?', 'can you resend it?', 'is it still valid?', 'we want to go ahead',
    'can you break out labor and parts?', 'we need a few more days to decide', 'can we do the cheaper option?', 'does it include haul away of the old one?',
    'the other company came in lower', 'what financing is available on it?', 'can we add a smart thermostat?', 'when could you start?',
  ],
  est_tail_vm: [
    'we want to go ahead with it', 'I had a question about the warranty on that quote', 'we need to know if the price includes the permit',
    'the price is a little more than we expected', 'can you email it to me again',
  ],
  est_tail_es: ['queremos seguir adelante', 'está un poco caro', 'incluye el permiso?', 'me la pueden mandar otra vez?'],
  cb_time: ['5', '5:30', '3pm', 'noon', '6', '4:30', 'lunch', '7pm'],
  problem_short: [
    'my AC', 'the furnace', 'a leak', 'the water heater', 'a clogged drain', 'some outlets', 'my roof', 'the toilet', 'water damage',
    'the heat pump', 'the breaker panel', 'a new thermostat', 'the sump pump', 'the garbage disposal',
  ],
  problem_es: [
    'el aire no enfría', 'el calentador no calienta', 'el fregadero está tapado', 'el baño gotea', 'no sirven unos enchufes',
    'el techo tiene una gotera chiquita', 'la calefacción hace ruido', 'el inodoro no deja de correr',
  ],
  day_es: ['mañana', 'el lunes', 'el martes', 'el jueves', 'el viernes', 'el sábado', 'hoy', 'la próxima semana'],
  price_job: [
    'a service call', 'a new AC', 'replacing a water heater', 'a tankless water heater', 'a furnace tune up', 'snaking a drain',
    'a sewer camera inspection', 'a 200 amp panel', 'an EV charger', 'a ceiling fan install', 'a new roof', 'a roof inspection',
    'a mini split', 'a whole house repipe', 'duct cleaning', 'a water softener', 'replacing a toilet', 'a hydro jet', 'a heat pump', 'water damage cleanup',
  ],
  price_job_es: ['cambiar un calentador', 'un aire nuevo', 'destapar un drenaje', 'la visita', 'un techo nuevo', 'un mini split', 'cambiar el panel'],
  tons: ['2', '2.5', '3', '3.5', '4', '5'],
  sqft: ['1,400', '1,800', '2,200', '2,600', '3,100'],
  handled_why: [
    'my husband fixed it', 'it was just a tripped breaker', 'it started working again', 'the landlord sent someone', 'we found someone else',
    'home warranty is sending their guy', 'my brother in law took care of it', 'it was the GFCI', 'we decided to wait', 'got it fixed yesterday',
    'the HOA is handling it', 'reset the thermostat and it works', 'another company came out this morning',
  ],
  n: ['10', '15', '20', '25', '30', '40', '50'],
  spam_tail: ['Reply YES for details', 'Reply STOP to opt out', 'Msg&data rates may apply. Txt STOP to end', 'Book a call: calendly.com/growth', 'Limited spots left', 'Reply STOP to unsubscribe'],
  spam_link: ['bit.ly/gbp-verify', 'g00gle-listing.co/verify', 'tinyurl.com/bizfix'],
} satisfies Record<string, readonly string[]>);

// ---------------------------------------------------------------------------------------------------------------
// Expansion
// ---------------------------------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** Index of the `]` matching the `[` at `open`. */
function matchingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i;
  }
  throw new Error(`templates: unbalanced [ in ${s}`);
}

/** Splits `s` on `|` at nesting depth 0. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']') depth--;
    else if (s[i] === '|' && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

function expand(rand: () => number, s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '[') {
      const close = matchingBracket(s, i);
      out += expand(rand, pick(rand, splitTop(s.slice(i + 1, close))));
      i = close;
    } else if (c === '{') {
      const close = s.indexOf('}', i);
      const name = s.slice(i + 1, close);
      const pool = POOLS[name];
      if (pool === undefined) throw new Error(`templates: unknown slot {${name}}`);
      out += expand(rand, pick(rand, pool));
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** Tidies spacing and punctuation left by empty alternatives. */
function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?])/g, '$1')
    .replace(/([,.])\1+/g, '$1')
    .replace(/,\./g, '.')
    .replace(/^[,.\s]+/, '')
    .trim();
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Random texting style for an SMS. */
function smsStyle(rand: () => number, s: string): string {
  let t = s;
  const r = rand();
  if (r < 0.45) t = t.toLowerCase();
  else if (r < 0.5) t = t.toUpperCase();
  else t = capitalize(t);
  if (rand() < 0.35) t = t.replace(/['’]/g, '');
  if (rand() < 0.25) t = t.replace(/\byou\b/gi, 'u').replace(/\byour\b/gi, 'ur').replace(/\bplease\b/gi, 'pls');
  if (rand() < 0.15) {
    // One adjacent-letter swap in a word of 5+ letters: a realistic typo.
    const words = t.split(' ');
    const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
    if (long.length > 0) {
      const [w, i] = pick(rand, long);
      const k = 1 + Math.floor(rand() * (w.length - 2));
      words[i] = w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
      t = words.join(' ');
    }
  }
  if (rand() < 0.2) t = t.replace(/[.]$/, '');
  if (rand() < 0.15 && !/\?$/.test(t)) t += pick(rand, ['!', '!!', ' ?', '...']);
  return t;
}

/** Voicemail transcripts: lower case, no punctuation, the way most transcription services return them. */
function voicemailStyle(rand: () => number, s: string): string {
  let t = s.replace(/[.,!?]/g, '');
  if (rand() < 0.7) t = t.toLowerCase();
  else t = capitalize(t);
  return t;
}

/** A normalised key for de-duplication. */
export function dedupeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Generates the templated messages. `seen` holds dedupe keys already used (the hand-written messages); generated
 * keys are added to it. Deterministic for a given `seed`.
 */
export function generateTemplated(seen: Set<string>, seed = 20240611): GeneratedRow[] {
  const rand = mulberry32(seed);
  const rows: GeneratedRow[] = [];
  for (const g of GROUPS) {
    let made = 0;
    let tries = 0;
    while (made < g.count && tries < g.count * 50) {
      tries++;
      let text = tidy(expand(rand, pick(rand, g.templates)));
      if (g.source === 'sms') text = smsStyle(rand, text);
      else if (g.source === 'voicemail') text = voicemailStyle(rand, text);
      else text = capitalize(text);
      text = tidy(text);
      const key = dedupeKey(text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      rows.push({ text, label: g.label, source: g.source, lang: g.lang });
      made++;
    }
    if (made < g.count) throw new Error(`templates: only ${made}/${g.count} distinct messages for ${g.label}/${g.source}/${g.lang}`);
  }
  return rows;
}
