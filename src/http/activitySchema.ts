// The shape an incoming Bot Framework activity must have before it reaches the adapter. botbuilder
// itself checks only `type`; a wrong-typed field (a numeric text, a conversation without an id) would
// otherwise fail deep inside a turn. Unknown fields are allowed: channels add their own. The ids the connector
// puts in its URL path (/v3/conversations/{conversation.id}/activities/{replyToId}) are percent-encoded by the
// client, but "." and ".." are left as they are and would move the request to another path: refused.
import { Ajv, type ErrorObject } from 'ajv';

const id = { type: 'string', minLength: 1, maxLength: 1024 };
const pathId = { ...id, not: { enum: ['.', '..'] } };
const account = {
  type: 'object',
  required: ['id'],
  properties: { id, name: { type: 'string', maxLength: 1024 }, role: { type: 'string', maxLength: 64 } },
};
const optionalText = (maxLength: number) => ({ type: 'string', maxLength });

const schema = {
  type: 'object',
  required: ['type', 'channelId', 'serviceUrl', 'conversation', 'from'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 64 },
    id: { ...optionalText(1024), not: { enum: ['.', '..'] } },
    channelId: { type: 'string', minLength: 1, maxLength: 64 },
    serviceUrl: { type: 'string', minLength: 1, maxLength: 2048 },
    conversation: {
      ...account,
      properties: {
        ...account.properties,
        id: pathId,
        isGroup: { type: 'boolean' },
        conversationType: optionalText(64),
        tenantId: optionalText(256),
      },
    },
    from: account,
    recipient: account,
    // The body limit (256 KB) bounds text; the bot copes with long messages itself.
    text: { type: 'string' },
    textFormat: optionalText(32),
    locale: optionalText(64),
    name: optionalText(256),
    replyToId: { ...optionalText(1024), not: { enum: ['.', '..'] } },
    deliveryMode: optionalText(32),
    timestamp: optionalText(64),
    localTimestamp: optionalText(64),
    channelData: { type: 'object' },
    entities: { type: 'array', items: { type: 'object' } },
    attachments: { type: 'array', items: { type: 'object' } },
    membersAdded: { type: 'array', items: account },
    membersRemoved: { type: 'array', items: account },
  },
};

const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);

/** undefined when the body is a usable activity, otherwise a short reason naming the field (never its value). */
export function activityProblem(body: unknown): string | undefined {
  if (validate(body)) return undefined;
  const error = validate.errors?.[0] as ErrorObject | undefined;
  if (!error) return 'activity is invalid';
  const field = error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath;
  return `activity${field.replaceAll('/', '.')} ${error.keyword === 'required' ? 'is required' : `must be ${describe(error)}`}`;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return `a ${String(error.params.type)}`;
    case 'minLength':
      return 'non-empty';
    case 'maxLength':
      return `at most ${String(error.params.limit)} characters`;
    case 'not':
      return 'an id other than "." or ".."';
    default:
      return 'valid';
  }
}
