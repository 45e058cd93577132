/**
 * Every word the public booking page shows, in English and Spanish (the languages Ringback writes in,
 * as `OfferLanguage`). The page is in Spanish when the lead's customer writes in Spanish (their last
 * classified message); unknown → English.
 */

/** The page's language: the lead's (`'es'` when the customer writes Spanish), else `'en'`. */
export type BookingPageLanguage = 'en' | 'es';

/** The strings of one language; functions fill in names, numbers and limits. */
export interface BookingPageText {
  htmlLang: string;
  title: (business: string) => string;
  chooseHeading: string;
  chooseIntro: string;
  holdButton: string;
  noOpenings: string;
  callUs: string;
  slotTaken: string;
  pickOne: string;
  heldHeading: string;
  heldFor: string;
  minutes: (n: number) => string;
  holdLapsed: string;
  detailsHeading: string;
  name: string;
  address: string;
  addressHint: string;
  zip: string;
  problem: string;
  problemHint: string;
  confirmButton: string;
  otherTime: string;
  checkFields: string;
  nameMissing: string;
  addressMissing: string;
  zipInvalid: string;
  zipOutside: (zip: string) => string;
  problemMissing: string;
  tooLong: (max: number) => string;
  confirmedHeading: string;
  alreadyBookedHeading: string;
  confirmationTexted: string;
  arrivalWindow: string;
  questions: string;
  expiredHeading: string;
  expiredText: string;
  unknownHeading: string;
  unknownText: string;
}

const EN: BookingPageText = {
  htmlLang: 'en',
  title: (business) => `Book a visit · ${business}`,
  chooseHeading: 'Pick an arrival window',
  chooseIntro: 'Your technician arrives within the window you pick.',
  holdButton: 'Hold this time',
  noOpenings: 'No times are open for online booking right now.',
  callUs: 'Call us:',
  slotTaken: 'Sorry, that time was just taken. Please pick another one.',
  pickOne: 'Please pick a time.',
  heldHeading: 'Your time is held',
  heldFor: 'Held for you for',
  minutes: (n) => (n === 1 ? '1 minute' : `${n} minutes`),
  holdLapsed: 'The hold has run out, but you can still confirm if the time is free.',
  detailsHeading: 'Your details',
  name: 'Your name',
  address: 'Service address',
  addressHint: 'Street and number, apartment or unit, city',
  zip: 'ZIP code',
  problem: 'What needs fixing?',
  problemHint: 'For example: the AC blows warm air; the water heater is leaking',
  confirmButton: 'Confirm booking',
  otherTime: 'Pick another time',
  checkFields: 'Please check the fields marked below.',
  nameMissing: 'Please enter your name.',
  addressMissing: 'Please enter the address where we should come.',
  zipInvalid: 'Please enter a 5-digit ZIP code.',
  zipOutside: (zip) => `Sorry, we don't serve ZIP code ${zip}. Please call us to ask.`,
  problemMissing: 'Please tell us briefly what needs fixing.',
  tooLong: (max) => `Please keep this under ${max} characters.`,
  confirmedHeading: "You're booked!",
  alreadyBookedHeading: "You're already booked",
  confirmationTexted: 'We will text you a confirmation.',
  arrivalWindow: 'Arrival window',
  questions: 'Questions or changes? Call us:',
  expiredHeading: 'This booking link has expired',
  expiredText: 'Call us and we will find a time with you.',
  unknownHeading: "This booking link doesn't work",
  unknownText: 'Please check the link in your text message, or call the business that sent it.',
};

const ES: BookingPageText = {
  htmlLang: 'es',
  title: (business) => `Reserve una visita · ${business}`,
  chooseHeading: 'Elija un horario de llegada',
  chooseIntro: 'Su técnico llega dentro del horario que elija.',
  holdButton: 'Apartar este horario',
  noOpenings: 'Ahora no hay horarios disponibles en línea.',
  callUs: 'Llámenos:',
  slotTaken: 'Lo sentimos, ese horario se acaba de ocupar. Elija otro, por favor.',
  pickOne: 'Elija un horario, por favor.',
  heldHeading: 'Su horario está apartado',
  heldFor: 'Apartado para usted por',
  minutes: (n) => (n === 1 ? '1 minuto' : `${n} minutos`),
  holdLapsed: 'El tiempo apartado terminó, pero puede confirmar si el horario sigue libre.',
  detailsHeading: 'Sus datos',
  name: 'Su nombre',
  address: 'Dirección del servicio',
  addressHint: 'Calle y número, apartamento, ciudad',
  zip: 'Código postal (ZIP)',
  problem: '¿Qué hay que reparar?',
  problemHint: 'Por ejemplo: el aire acondicionado echa aire caliente; el calentador de agua gotea',
  confirmButton: 'Confirmar la cita',
  otherTime: 'Elegir otro horario',
  checkFields: 'Revise los campos marcados abajo, por favor.',
  nameMissing: 'Escriba su nombre, por favor.',
  addressMissing: 'Escriba la dirección donde debemos ir, por favor.',
  zipInvalid: 'Escriba un código postal de 5 dígitos, por favor.',
  zipOutside: (zip) => `Lo sentimos, no damos servicio en el código postal ${zip}. Llámenos para consultar.`,
  problemMissing: 'Cuéntenos brevemente qué hay que reparar, por favor.',
  tooLong: (max) => `Use menos de ${max} caracteres, por favor.`,
  confirmedHeading: '¡Su cita está confirmada!',
  alreadyBookedHeading: 'Ya tiene una cita',
  confirmationTexted: 'Le enviaremos la confirmación por mensaje de texto.',
  arrivalWindow: 'Horario de llegada',
  questions: '¿Preguntas o cambios? Llámenos:',
  expiredHeading: 'Este enlace para reservar ha vencido',
  expiredText: 'Llámenos y buscaremos un horario con usted.',
  unknownHeading: 'Este enlace para reservar no funciona',
  unknownText: 'Revise el enlace de su mensaje de texto o llame a la empresa que se lo envió.',
};

/** The page's strings in `language`. */
export function bookingPageText(language: BookingPageLanguage): BookingPageText {
  return language === 'es' ? ES : EN;
}
