// Vietnamese phone numbers: mobile 0[35789]x xxx xxxx (10 digits) and landline 02xx xxx xxxx (11 digits),
// also written +84 / 84 without the leading 0. recognizers-text finds most forms; dotted ones it misses.
import { Culture, SequenceRecognizer } from '@microsoft/recognizers-text-sequence';
import { maskPersonalData } from '../logger.js';

const MOBILE = /^0[35789]\d{8}$/u;
const LANDLINE = /^02\d{9}$/u;
const DOTTED = /(?:\+?84|0)(?:[\s.-]?\d){8,10}/gu;

/** The number in its 0… form when it is a valid Vietnamese mobile or landline number. */
export function normalizePhone(raw: string): string | undefined {
  let digits = raw.replace(/[^\d+]/gu, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  return MOBILE.test(digits) || LANDLINE.test(digits) ? digits : undefined;
}

// The suite's recognizePhoneNumber builds a new recognizer, with every sequence model of every culture, at each
// call; a ticket's form reads every message for a number: the one model is built on first use and kept.
let phoneModel: ReturnType<SequenceRecognizer['getPhoneNumberModel']> | undefined;

/** The first valid phone number in a message, normalised. */
export function findPhone(text: string): string | undefined {
  phoneModel ??= new SequenceRecognizer(Culture.English).getPhoneNumberModel();
  const candidates = [...phoneModel.parse(text).map((r) => r.text), ...(text.match(DOTTED) ?? [])];
  for (const candidate of candidates) {
    const phone = normalizePhone(candidate);
    if (phone) return phone;
  }
  return undefined;
}

/** For logs: 0912345678 → 091***78. */
export function maskPhone(phone: string): string {
  return maskPersonalData(phone);
}
