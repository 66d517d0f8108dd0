// CloudAdapter, with one step of its own for POST /api/messages: the request is authenticated first and only
// then charged to its user's rate limit (429 when over it), so forged requests cannot lock a citizen out.
// botbuilder's CloudAdapter.process cannot do that: it authenticates inside processActivity, just before
// the turn, and writes its own answer after the turn (docs/operations.md, "Framework defaults", says what
// was tried and measured). Authentication, the turn and the expectReplies/invoke answers are botbuilder's
// (authenticateRequest, processActivity). Proactive sends go only to service URLs of known channels
// (src/bot/serviceUrls.ts).
import { CloudAdapter, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
} from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { ChargeUser } from '../http/httpGuards.js';
import { sendError } from '../http/httpError.js';
import type { Logger } from '../logger.js';
import { serviceUrlAllowed, type ServiceUrlPolicy } from './serviceUrls.js';

type Logic = (context: TurnContext) => Promise<void>;

export class HotlineAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly serviceUrls: ServiceUrlPolicy,
  ) {
    super(auth);
  }

  /** Answers a validated POST /api/messages: 401 for a missing or bad token, 429 over the user's limit, else the turn's status and body. */
  async processRequest(req: Request, res: Response, logic: Logic, log: Logger, chargeUser: ChargeUser): Promise<void> {
    // Validated by the HTTP guards (src/http/activitySchema.ts: 400 with the reason, before any turn starts).
    const activity = withDates(req.body as Activity);
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, req.headers.authorization ?? '');
    } catch (error) {
      if (error instanceof AuthenticationError || (error as { statusCode?: number }).statusCode === 401) return sendError(res, 401);
      log.error({ err: error }, 'activity not authenticated');
      return sendError(res, 500);
    }
    if (!chargeUser(res, `${activity.channelId}/${activity.from.id}`)) return;
    try {
      const invokeResponse = await this.processActivity(authenticated, activity, logic);
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
      res.end();
    } catch (error) {
      if (error instanceof AuthenticationError) return sendError(res, 401);
      log.error({ err: error }, 'activity not processed');
      sendError(res, 500);
    }
  }

  override async continueConversationAsync(
    identity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    if (!serviceUrlAllowed(reference.serviceUrl, this.serviceUrls)) {
      throw new Error(`proactive message refused: the service URL of channel "${reference.channelId ?? ''}" is not a known channel's`);
    }
    // The overloads of CloudAdapterBase, passed on as given.
    if (typeof logicOrAudience === 'string')
      return super.continueConversationAsync(identity as ClaimsIdentity, reference, logicOrAudience, maybeLogic!);
    return super.continueConversationAsync(identity as string, reference, logicOrAudience);
  }
}

/** The time fields as Dates, their text kept beside them: what CloudAdapter.process hands its turns. */
function withDates(activity: Activity): Activity {
  const raw = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const text = raw[field];
    if (typeof text === 'string') {
      raw[rawField] = text;
      raw[field] = new Date(text);
    }
  }
  return activity;
}
