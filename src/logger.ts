// Structured JSON logs (pino). Personal data never goes in: see maskPersonalData.
import { destination, pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  // Written asynchronously: a line a turn costs the turn no write call of its own (lines that come while
  // one write runs go out together); pino flushes what is left when the process exits.
  const stdout = destination({ dest: 1, sync: false });
  return pino({ level, base: { service: 'hotline-bot' }, redact: ['req.headers.authorization', '*.password', '*.token'] }, stdout);
}

/**
 * A Vietnamese phone number as people write it: 0… or +84 / 84…, 9–10 more digits, grouped by spaces, dots,
 * dashes or brackets: "0987654321", "(098) 7654321", "098.765.4321", "+84 98 765 4321", "(+84) 987-654-321".
 * Not inside a word or a longer number (tracking codes such as EE084567890VN stay whole).
 */
const PHONE = /(?<![\p{L}\d+])(?:\(\s*)?(?:\+\s?84|84|0)(?:\s*\))?(?:[\s.\-()]{0,3}\d){8,10}(?![\p{L}\d])/gu;

/** Masks phone numbers in text that is logged or stored for review: 0912345678 → 091***78, whatever the grouping. */
export function maskPersonalData(text: string): string {
  return text.replace(PHONE, (phone) => {
    const digits = phone.replace(/\D/gu, '');
    return `${digits.slice(0, 3)}***${digits.slice(-2)}`;
  });
}
