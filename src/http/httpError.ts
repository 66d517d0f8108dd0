// Every error the service answers is a short JSON object {code, message} with a fixed text: never a
// stack trace, never the caller's input echoed back.
import type { Response } from 'restify';

const FIXED_MESSAGES: Record<number, [code: string, message: string]> = {
  400: ['BadRequest', 'The request is malformed.'],
  401: ['Unauthorized', 'Missing or invalid credentials.'],
  403: ['Forbidden', 'Not allowed.'],
  404: ['NotFound', 'No such resource.'],
  405: ['MethodNotAllowed', 'Method not allowed on this resource.'],
  406: ['NotAcceptable', 'Not acceptable.'],
  408: ['RequestTimeout', 'The request took too long to arrive.'],
  409: ['Conflict', 'The resource changed or is no longer in that state.'],
  413: ['PayloadTooLarge', 'The request body is larger than 256 KB.'],
  415: ['UnsupportedMediaType', 'Content-Type must be application/json.'],
  422: ['UnprocessableEntity', 'The request cannot be applied.'],
  429: ['TooManyRequests', 'Too many requests; retry later.'],
  500: ['Internal', 'Internal error.'],
  503: ['Unavailable', 'Temporarily unavailable.'],
};

export interface ErrorBody {
  code: string;
  message: string;
}

/** The public body for a status; `message` overrides the fixed text (only ever with text the service wrote). */
export function errorBody(status: number, message?: string): ErrorBody {
  const [code, fixed] = FIXED_MESSAGES[status] ?? (status >= 500 ? FIXED_MESSAGES[500]! : FIXED_MESSAGES[400]!);
  return { code, message: message ?? fixed };
}

export function sendError(res: Response, status: number, message?: string, headers?: Record<string, string>): void {
  res.send(status, errorBody(status, message), headers);
}
