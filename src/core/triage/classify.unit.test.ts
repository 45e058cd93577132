import { describe, expect, it } from 'vitest';
import { classifyMessage, INTENTS, type Intent, type TriageResult } from './classify.ts';
import { CORPUS_FILE, fnv1a, isHeldOut, loadCorpus, parseCorpus, splitCorpus } from './corpus.ts';
import { evaluateTriage, formatTriageReport, heldOutExamples, runTriageEval } from './evaluate.ts';
import { featureTokens } from './features.ts';
import { MODEL, trainingExamples } from './model.ts';
import { correctOptOutTypos } from './opt-out.ts';

/** intent, plus "+safety" for a safety emergency. */
function label(text: string): string {
  const r = classifyMessage(text);
  return r.intent + (r.safety ? '+safety' : '');
}

function expectAll(cases: ReadonlyArray<readonly [string, string]>): void {
  const wrong = cases.map(([text, want]) => [text, want, label(text)] as const).filter(([, want, got]) => want !== got);
  expect(wrong).toEqual([]);
}

describe('intents', () => {
  it('are exactly DESIGN.md §4 intents, in tie-break order', () => {
    expect(INTENTS).toEqual([
      'spam',
      'emergency',
      'stop',
      'wrong_number',
      'complaint',
      'estimate_followup',
      'callback',
      'booking',
      'pricing',
      'question',
      'already_handled',
      'other',
    ]);
  });
});

describe('classifyMessage: result shape', () => {
  it('returns {intent, safety, confidence, language, reasons} with confidence in 0..1 and at least one reason', () => {
    for (const text of ['STOP', 'I smell gas', 'how much for a new water heater?', 'ok', '', '🙂', 'x'.repeat(5000)]) {
      const r: TriageResult = classifyMessage(text);
      expect(Object.keys(r).sort()).toEqual(['confidence', 'intent', 'language', 'reasons', 'safety']);
      expect(INTENTS).toContain(r.intent);
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(['en', 'es']).toContain(r.language);
      expect(r.reasons.length).toBeGreaterThan(0);
      if (r.safety) expect(r.intent).toBe('emergency');
    }
  });

  it('is deterministic', () => {
    const text = 'hey um the AC is out and its 104 today, my mom is 91, can someone come';
    expect(classifyMessage(text)).toEqual(classifyMessage(text));
  });

  it('treats a non-string or empty body as other', () => {
    expect(classifyMessage('   ').intent).toBe('other');
    expect(classifyMessage(undefined as unknown as string).intent).toBe('other');
  });

  it('says which rule decided', () => {
    expect(classifyMessage('I smell gas by the stove').reasons[0]).toMatch(/^rule safety\.gas_smell/);
    expect(classifyMessage('please stop texting me').reasons[0]).toMatch(/detectConsentKeyword: opt_out/);
    expect(classifyMessage('how much to replace a garbage disposal?').reasons[0]).toMatch(/^model naive_bayes chose pricing/);
  });
});

describe('classifyMessage: every intent', () => {
  it('spam', () => {
    expectAll([
      ['We help HVAC companies get 40+ booked jobs a month. Reply YES for a demo', 'spam'],
      ['URGENT: your Google Business Profile will be suspended. Verify now: bit.ly/x1', 'spam'],
      ['Lower your credit card processing fees by 35% this month only', 'spam'],
      ['this is a final notice about your car warranty, press 1 to speak to an agent', 'spam'],
    ]);
  });

  it('safety emergencies (emergency + safety)', () => {
    expectAll([
      ['i smell gas by the stove', 'emergency+safety'],
      ['Gas odor in the garage near the dryer', 'emergency+safety'],
      ['our carbon monoxide alarm just went off', 'emergency+safety'],
      ['CO detector beeping and says 45', 'emergency+safety'],
      ['smoke coming out of the return vent', 'emergency+safety'],
      ['burning smell from the furnace closet', 'emergency+safety'],
      ['the outlet behind the tv sparked', 'emergency+safety'],
      ['breaker panel is buzzing and hot', 'emergency+safety'],
      ['outlet is hot to the touch', 'emergency+safety'],
      ['exposed wires in the attic where the fan was', 'emergency+safety'],
      ['my husband got shocked by the washer', 'emergency+safety'],
    ]);
  });

  it('emergencies', () => {
    expectAll([
      ['furnace died and it is 15 degrees outside', 'emergency'],
      ['no heat and we have a 2 week old baby', 'emergency'],
      ['NO HEAT', 'emergency'],
      ['AC out and my grandmother lives with us', 'emergency'],
      ['the ac quit, it is 112 outside', 'emergency'],
      ['a pipe burst in the laundry room', 'emergency'],
      ['water pouring out of the ceiling light', 'emergency'],
      ['basement is flooding', 'emergency'],
      ['sewage backing up in the shower', 'emergency'],
      ['roof is leaking into the kitchen with this storm', 'emergency'],
    ]);
  });

  it('stop', () => {
    expectAll([
      ['STOP', 'stop'],
      ['stop texting me', 'stop'],
      ['Take me off your list', 'stop'],
      ['do not contact me again', 'stop'],
      ['UNSUBSCRIBE', 'stop'],
    ]);
  });

  it('wrong_number', () => {
    expectAll([
      ['wrong number', 'wrong_number'],
      ["I never called you, you have the wrong number", 'wrong_number'],
      ["sorry my kid must've called by accident", 'wrong_number'],
    ]);
  });

  it('complaint', () => {
    expectAll([
      ['Your tech never showed up and nobody called. Very disappointed', 'complaint'],
      ['I paid $400 and the AC is still blowing warm. I want a refund', 'complaint'],
      ['the crew left trash all over my yard and scratched my floors', 'complaint'],
    ]);
  });

  it('estimate_followup', () => {
    expectAll([
      ['Following up on the estimate you sent for the new furnace', 'estimate_followup'],
      ['We got your quote for the repipe, does it include the permit?', 'estimate_followup'],
      ['we want to go ahead with the proposal for the heat pump', 'estimate_followup'],
    ]);
  });

  it('callback', () => {
    expectAll([
      ['please call me back', 'callback'],
      ['can you give me a call after 4?', 'callback'],
      ['Call me at 602-555-0144', 'callback'],
    ]);
  });

  it('booking', () => {
    expectAll([
      ['yes still need help', 'booking'],
      ['Can someone come out Thursday to look at the water heater?', 'booking'],
      ['kitchen sink is clogged, when can you come', 'booking'],
      ['need to reschedule to next Monday', 'booking'],
    ]);
  });

  it('pricing', () => {
    expectAll([
      ['how much for a new water heater?', 'pricing'],
      ['what do you charge for a service call', 'pricing'],
      ['do you offer financing?', 'pricing'],
    ]);
  });

  it('question', () => {
    expectAll([
      ['what are your hours on saturday?', 'question'],
      ['Do you service Tempe?', 'question'],
      ['do you take credit cards?', 'question'],
    ]);
  });

  it('already_handled', () => {
    expectAll([
      ['never mind, we got it fixed', 'already_handled'],
      ['we hired someone else, thanks', 'already_handled'],
      ['not interested', 'already_handled'],
    ]);
  });

  it('other', () => {
    expectAll([
      ['ok thanks', 'other'],
      ['👍', 'other'],
      ['START', 'other'],
    ]);
  });
});

describe('classifyMessage: DESIGN.md §4 tie-break order', () => {
  it('safety emergency outranks stop ("STOP texting me, I smell gas")', () => {
    const r = classifyMessage('STOP texting me, I smell gas');
    expect(r).toMatchObject({ intent: 'emergency', safety: true });
    expect(r.reasons).toContain('tie-break: emergency (safety) outranks stop');
  });

  it('emergency outranks stop', () => {
    expect(label('Stop! Water everywhere, pipe burst')).toBe('emergency');
    expect(label('stop texting me and send someone, the basement is flooding')).toBe('emergency');
  });

  it('stop outranks wrong_number ("wrong number, stop")', () => {
    expect(label('wrong number, stop')).toBe('stop');
    expect(label('STOP wrong person')).toBe('stop');
  });

  it('stop outranks complaint, already_handled and booking', () => {
    expect(label('your tech never showed up. stop texting me')).toBe('stop');
    expect(label('we hired someone else, please stop texting')).toBe('stop');
    expect(label('not interested, remove me from your list')).toBe('stop');
  });

  it('spam outranks everything, including an opt-out word in a marketing footer', () => {
    expect(label('Exclusive roofing leads in your zip, $25 each. Reply STOP to opt out')).toBe('spam');
    expect(label('Storm leads! Homeowners with roofs leaking in this storm, exclusive roofing leads $30 each')).toBe('spam');
  });

  it('safety outranks a non-safety emergency (and sets safety)', () => {
    const r = classifyMessage('basement is flooding and the panel down there is sparking');
    expect(r).toMatchObject({ intent: 'emergency', safety: true });
  });

  it('a model guess never outranks a detected opt-out', () => {
    // Looks like a complaint or booking to the model, but the detector found an opt-out.
    expect(label('please stop messaging me about the appointment')).toBe('stop');
  });
});

describe('classifyMessage: hard negatives', () => {
  it('"stopped", "stop by", "cancel my appointment", "end of the week" are not stop', () => {
    for (const text of [
      'my heater stopped working',
      'the AC stopped blowing cold air',
      'can you stop by tomorrow after 3',
      'cancel my appointment for Friday',
      'end of the week works for me',
      'the toilet won’t stop running',
    ]) {
      expect(classifyMessage(text).intent, text).not.toBe('stop');
    }
    expect(label('cancel my appointment for Friday')).toBe('booking');
  });

  it('a bare CANCEL or STOP is stop', () => {
    for (const text of ['CANCEL', 'cancel', 'STOP', 'Stop.', 'END', 'QUIT', 'ALTO']) expect(label(text), text).toBe('stop');
  });

  it('gas as a fuel, detector installs, benign smells and idioms are not safety', () => {
    for (const text of [
      'need a new gas water heater installed',
      'can you run a gas line for my new stove?',
      'how much to install smoke detectors and a CO detector?',
      'smoke detector keeps chirping, need new batteries',
      'furnace has a burning dust smell the first time we turned it on this year',
      'breaker keeps tripping when the microwave runs',
      'I was shocked at the price of the estimate',
      'your tech smoked in my garage',
      'we had smoke damage from a kitchen fire last month, need cleanup',
      'no gas smell anymore, the gas company fixed the meter',
    ]) {
      expect(classifyMessage(text).safety, text).toBe(false);
    }
  });

  it('past or conditional leaks and non-urgent equipment trouble are not emergencies', () => {
    for (const text of [
      'we had a burst pipe last winter and want to repipe, how much?',
      'roof leaks a little when it rains hard, want an inspection',
      'small stain on the ceiling after last week’s storm',
      'furnace is blowing cold air, can someone come Tuesday?',
      'AC is not cooling as well as it used to',
      'basement smells musty after the flood last year',
    ]) {
      expect(classifyMessage(text).intent, text).not.toBe('emergency');
    }
  });

  it('YES / SÍ mean "still need help" (booking); HELP is a question', () => {
    expect(label('YES')).toBe('booking');
    expect(label('Sí')).toBe('booking');
    expect(label('HELP')).toBe('question');
  });
});

describe('classifyMessage: Spanish', () => {
  it('classifies Spanish and Spanglish and reports language es', () => {
    const cases: Array<[string, string]> = [
      ['huele a gas en la cocina', 'emergency+safety'],
      ['se activó la alarma de monóxido', 'emergency+safety'],
      ['salen chispas del enchufe del baño', 'emergency+safety'],
      ['hay olor a quemado en la sala', 'emergency+safety'],
      ['se reventó la tubería del baño y hay agua por todos lados', 'emergency'],
      ['no me manden más mensajes', 'stop'],
      ['ALTO', 'stop'],
      ['número equivocado', 'wrong_number'],
      ['llámeme por favor', 'callback'],
      ['¿cuánto cuesta cambiar el calentador?', 'pricing'],
      ['ya lo arreglamos, gracias', 'already_handled'],
      ['mi AC no está enfriando, pueden venir mañana?', 'booking'],
    ];
    expectAll(cases);
    for (const [text] of cases) expect(classifyMessage(text).language, text).toBe('es');
  });

  it('English stays English, including keywords ELD alone gets wrong', () => {
    for (const text of ['CANCEL', 'Y', 'ok', 'Hola, my AC is broken, can you come today?', 'my heater stopped working']) {
      expect(classifyMessage(text).language, text).toBe('en');
    }
  });
});

describe('classifyMessage: voicemail transcripts and typos', () => {
  it('handles fillers and spoken numbers', () => {
    expectAll([
      [
        "um yeah hi this is Carol uh we smell gas in the basement kind of strong um please call me back at six oh two five five five oh one two three",
        'emergency+safety',
      ],
      ["hi uh this is Tom um the water heater is leaking everywhere in the garage it's uh it's a lot please call", 'emergency'],
      ["yeah hi um this is Brenda I'd like someone to call me back about getting a quote on a new AC thanks", 'callback'],
      ['oh uh sorry I think I dialed the wrong number', 'wrong_number'],
    ]);
  });

  it('recognises hazards and opt-outs with common typos', () => {
    expect(label('we smlel gas in the hallway')).toBe('emergency+safety');
    expect(label('outlet saprks when i plug in')).toBe('emergency+safety');
    expect(label('dont contatc me again')).toBe('stop');
    expect(correctOptOutTypos('lose my numbre')).toBe('lose my number');
    expect(correctOptOutTypos('ok thanks')).toBe('ok thanks');
  });

  it('stays fast on long, repetitive input (no catastrophic backtracking)', () => {
    const inputs = [
      'stop '.repeat(4000),
      'no '.repeat(4000) + 'gas',
      'smell '.repeat(3000) + 'x',
      'the pipe '.repeat(2000) + 'burst',
      'a'.repeat(20000),
    ];
    const t0 = performance.now();
    for (const text of inputs) classifyMessage(text);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('model', () => {
  it('compiled odds equal wink-naive-bayes-text-classifier computeOdds', () => {
    for (const text of ['how much for a new AC', 'call me', 'wrong number', 'I smell gas', 'ok thanks', 'qwertyuiop']) {
      const tokens = featureTokens(text);
      const ours = MODEL.computeOdds(tokens);
      const wink = MODEL.computeOddsWink(tokens);
      if (ours.length === 0) {
        expect(wink[0]![0]).toBe('unknown');
        continue;
      }
      const winkMap = new Map(wink);
      expect(ours[0]![0]).toBe(wink[0]![0]);
      for (const [l, o] of ours) expect(o).toBeCloseTo(winkMap.get(l)!, 9);
    }
  });

  it('is trained only on the training split', () => {
    const held = new Set(heldOutExamples().map((e) => e.text));
    const train = trainingExamples();
    expect(train.some((e) => held.has(e.text))).toBe(false);
    expect(train.length + held.size).toBe(loadCorpus().length);
  });
});

describe('corpus', () => {
  const corpus = loadCorpus();

  it('has at least 1,500 labelled messages, every intent, all three sources and ~10% Spanish', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    const intents = new Set(corpus.map((e) => e.intent));
    for (const i of INTENTS) expect(intents.has(i as Intent), i).toBe(true);
    expect(new Set(corpus.map((e) => e.source))).toEqual(new Set(['sms', 'voicemail', 'form']));
    const es = corpus.filter((e) => e.lang === 'es').length / corpus.length;
    expect(es).toBeGreaterThan(0.08);
    expect(es).toBeLessThan(0.2);
    expect(corpus.some((e) => e.safety)).toBe(true);
    expect(corpus.every((e) => !e.safety || e.intent === 'emergency')).toBe(true);
  });

  it('is in sync with its sources (handwritten.ts + templates.ts via build-corpus.ts)', async () => {
    const { buildCorpus } = await import('../../triage-data/build-corpus.ts');
    expect(buildCorpus()).toEqual(corpus);
  });

  it('rejects malformed lines', () => {
    expect(() => parseCorpus('{"text":"x","intent":"nope","safety":false,"source":"sms","lang":"en"}')).toThrow();
    expect(() => parseCorpus('{"text":"x","intent":"stop","safety":true,"source":"sms","lang":"en"}')).toThrow();
    expect(CORPUS_FILE.pathname).toMatch(/src\/triage-data\/corpus\.jsonl$/);
  });

  it('holds out a fixed ~20% by hash of the text', () => {
    const { train, heldOut } = splitCorpus(corpus);
    expect(heldOut.length / corpus.length).toBeGreaterThan(0.15);
    expect(heldOut.length / corpus.length).toBeLessThan(0.25);
    expect(train.length + heldOut.length).toBe(corpus.length);
    for (const e of heldOut) expect(fnv1a(e.text) % 100).toBeLessThan(20);
    expect(isHeldOut('STOP')).toBe(fnv1a('STOP') % 100 < 20);
  });
});

describe('held-out evaluation', () => {
  const { report, text } = runTriageEval();

  it('has 100% stop recall and 100% safety recall, and no false stops', () => {
    expect(report.perIntent.stop.support).toBeGreaterThan(10);
    expect(report.stopRecall).toBe(1);
    expect(report.missedStops).toBe(0);
    expect(report.falseStops).toBe(0);
    expect(report.safety.support).toBeGreaterThan(10);
    expect(report.safety.recall).toBe(1);
  });

  it('stays above the documented accuracy (regression floor)', () => {
    expect(report.accuracy).toBeGreaterThan(0.85);
    expect(report.macroF1).toBeGreaterThan(0.83);
    expect(report.language!.accuracy).toBeGreaterThan(0.97);
  });

  it('formats a plain-text table', () => {
    expect(text).toMatch(/^examples\s+\d+/);
    expect(text).toMatch(/intent\s+precision\s+recall\s+F1\s+support/);
    expect(text).toMatch(/confusion \(rows: gold, columns: predicted\)/);
  });
});

describe('evaluateTriage', () => {
  it('computes accuracy, per-intent scores, confusion, false stops and safety recall', () => {
    const fake = (text: string): TriageResult => ({
      intent: text === 'a' ? 'stop' : text === 'b' ? 'stop' : text === 'c' ? 'emergency' : 'booking',
      safety: text === 'c',
      confidence: 1,
      language: 'en',
      reasons: ['fake'],
    });
    const report = evaluateTriage(
      [
        { text: 'a', intent: 'stop', safety: false },
        { text: 'b', intent: 'booking', safety: false },
        { text: 'c', intent: 'emergency', safety: true },
        { text: 'd', intent: 'emergency', safety: true },
      ],
      fake,
    );
    expect(report.accuracy).toBe(0.5);
    expect(report.falseStops).toBe(1);
    expect(report.stopRecall).toBe(1);
    expect(report.safety).toMatchObject({ support: 2, detected: 1, recall: 0.5, falsePositives: 0 });
    expect(report.perIntent.stop).toMatchObject({ precision: 0.5, recall: 1, support: 1, predicted: 2 });
    expect(report.perIntent.emergency).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(report.confusion.emergency.booking).toBe(1);
    expect(report.errors.map((e) => e.text)).toEqual(['b', 'd']);
    expect(formatTriageReport(report)).toContain('false stops 1');
  });
});
