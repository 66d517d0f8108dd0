// Structured JSON logs (pino). Personal data never goes in: see maskPersonalData.
import { destination, pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  // Written asynchronously: a line a turn costs the turn no write call of its own (lines that come while
  // one write runs go out together); pino flushes what is left when the process exits.
  const stdout = destination({ dest: 1, sync: false });
  return pino({ level, base: { service: 'hotline-bot' }, redact: ['req.headers.authorization', '*.password', '*.token'] }, stdout);
}

/** Masks phone numbers (Vietnamese mobile and landline forms) in text that is logged or stored for review. */
export function maskPersonalData(text: string): string {
  return text.replace(/(?:\+?84|0)(?:[\s.-]?\d){8,10}\b/gu, (phone) => `${phone.slice(0, 3)}***${phone.slice(-2)}`);
}
