/**
 * Language of an inbound message: `'en'` or `'es'` (the two languages Ringback answers in).
 *
 * Two signals, combined:
 * 1. ELD (the `eld` package, "Efficient Language Detector", n-gram model, `eld/small` database) restricted to
 *    English and Spanish with its own subset instance. It is fast (≈5–10 µs per short message) and good on
 *    sentences, but short texts are hard for any n-gram detector: "ok", "yes", "Hola" come back empty, and a few
 *    ("hello", "no AC") come back Spanish.
 * 2. A small marker vocabulary: Spanish-only words ("hola", "gracias", "necesito", "mañana", "calentador", ...),
 *    Spanish punctuation and letters (¿ ¡ ñ, accented vowels), and English-only function words ("the", "my",
 *    "please", "you", ...). Each marker is one vote.
 *
 * Decision: score = Spanish markers − English markers + ELD vote, where ELD votes ±2 when it calls its result
 * reliable and ±1 otherwise (0 when it returns nothing, or an unreliable Spanish with no Spanish marker). A
 * consent keyword found by the opt-out detector adds its language: a whole-message keyword decides ("CANCEL" is
 * English, "BAJA" Spanish), a free-text match counts two marker votes. Spanish when score > 0, else English (the default for a
 * US business; Spanglish goes to the language with more grammar words, so "mi AC no está working" is Spanish and
 * "Hola, my AC is broken" is English).
 *
 * Pure after module load (the ELD database is loaded once, ~200–400 ms, when this module is imported).
 */
import { eld } from 'eld/small';
import { foldText } from './features.ts';

export type TriageLanguage = 'en' | 'es';

const detector = eld.newInstance();
detector.setLanguageSubset(['en', 'es']);

/** Words (accent-folded, lower case) that are Spanish and not English. */
const ES_MARKERS: ReadonlySet<string> = new Set(
  (
    'hola buenas buenos dias tardes noches gracias porfa porfavor favor necesito necesita necesitamos tengo tiene tenemos ' +
    'mi mis el los las una unos unas que como cuando cuanto cuanta cuesta cuestan cobran donde quien porque pero muy mas ' +
    'esta estan estoy esta es son hay del al con para por sin sobre desde hasta ya tambien aqui ahi ahora hoy ayer manana ' +
    'semana sabado domingo lunes martes miercoles jueves viernes casa cocina bano cuarto techo agua caliente fria frio calor ' +
    'aire calentador calefaccion enchufe tuberia tubo gotera fuga olor huele quemado humo chispas alarma luz cita venir vengan ' +
    'puede pueden podrian llamar llamen llameme llamame hablar hablo mande manden mensaje mensajes numero equivocado arreglar ' +
    'arreglo funciona sirve descompuso descompuesto tapado inodoro fregadero regadera drenaje presupuesto cotizacion precio ' +
    'usted ustedes senor senora esposo esposa hijo hija mama papa abuelita bebe ninos urgente ayuda todavia nada nadie algo ' +
    'tambien pues bueno ahorita quiero queremos quisiera gustaria servicio trabajan aceptan tarjeta efectivo arreglan ' +
    'arreglen reparan instalan tienen hacen vienen cambian revisan salen hablan habla llamo llame nuestro nuestra'
  ).split(' '),
);

/** Words that are English and (practically) never Spanish. */
const EN_MARKERS: ReadonlySet<string> = new Set(
  (
    'the my is are was and you your yours please pls thanks thank can could would will what how this that it its to of for ' +
    'with have has not no' +
    ' dont cant wont im ive were our we they there here today tomorrow yes yeah hi hello hey call me need want just still ' +
    'working broken leak leaking water heater furnace out come when time thats whats who our us be been do does did'
  )
    .split(' ')
    // "no" is both; leave it out.
    .filter((w) => w !== 'no'),
);

const SPANISH_CHARS = /[¿¡ñÑáéíóúÁÉÍÓÚ]/;

/** Lower case, accents folded, split on anything that is not a letter or digit. */
function words(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The detail behind {@link detectLanguage}, for reasons and tests. */
export interface LanguageEvidence {
  language: TriageLanguage;
  /** What ELD said ('' when it could not tell; 'skipped' when the markers alone decide) and whether it called it reliable. */
  eld: string;
  eldReliable: boolean;
  esMarkers: number;
  enMarkers: number;
}

/**
 * Detects English or Spanish; see the module comment for how. `hint` is the language of a consent keyword the
 * opt-out detector matched: it decides a whole-message keyword ("CANCEL" is English, "BAJA" Spanish) and counts
 * as two marker votes for a free-text match.
 */
export function detectLanguageEvidence(
  text: string,
  hint?: { language: TriageLanguage; wholeMessage: boolean },
): LanguageEvidence {
  let es = 0;
  let en = 0;
  for (const w of words(text)) {
    if (ES_MARKERS.has(w)) es++;
    else if (EN_MARKERS.has(w)) en++;
  }
  if (SPANISH_CHARS.test(text)) es++;
  if (hint?.wholeMessage) {
    return { language: hint.language, eld: 'skipped', eldReliable: false, esMarkers: es, enMarkers: en };
  }
  if (hint) {
    if (hint.language === 'es') es += 2;
    else en += 2;
  }
  // ELD's vote is at most ±2: when the markers already differ by more, it cannot change the answer, so it is
  // not run (same result, ~10 µs saved on most messages).
  if (Math.abs(es - en) > 2) {
    return { language: es > en ? 'es' : 'en', eld: 'skipped', eldReliable: false, esMarkers: es, enMarkers: en };
  }
  const r = detector.detect(text);
  const lang = r.language;
  const reliable = lang !== '' && r.isReliable();
  // An unreliable "es" on a text with no Spanish marker at all ("Y", "Carlos left a mess") is not evidence.
  const vote = lang === 'es' ? (reliable ? 2 : es > 0 ? 1 : 0) : lang === 'en' ? (reliable ? -2 : -1) : 0;
  const score = es - en + vote;
  return { language: score > 0 ? 'es' : 'en', eld: lang, eldReliable: reliable, esMarkers: es, enMarkers: en };
}

/** `'es'` or `'en'` for `text`. */
export function detectLanguage(text: string): TriageLanguage {
  return detectLanguageEvidence(text).language;
}
