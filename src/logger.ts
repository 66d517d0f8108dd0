// Structured JSON logs (pino). Personal data never goes in: see maskPersonalData.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'hotline-bot' }, redact: ['req.headers.authorization', '*.password', '*.token'] });
}

/** Masks phone numbers (Vietnamese mobile and landline forms) in text that is logged or stored for review. */
export function maskPersonalData(text: string): string {
  return text.replace(/(?:\+?84|0)(?:[\s.-]?\d){8,10}\b/gu, (phone) => `${phone.slice(0, 3)}***${phone.slice(-2)}`);
}
