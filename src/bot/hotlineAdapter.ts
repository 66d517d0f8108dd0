// CloudAdapter with its own answer to POST /api/messages. CloudAdapter.process walks the body again with
// zod (three passes over every key, a twentieth of a turn) before processActivity, while the HTTP guards
// have already validated it (ajv, src/http/activitySchema.ts: 400 with the reason, before any turn starts).
// The request is authenticated first, and only then charged to its user's rate limit, so forged requests
// cannot lock a citizen out; processActivity (the turn, expectReplies and invoke answers) is botbuilder's.
// Proactive sends go only to service URLs of known channels (src/bot/serviceUrls.ts).
import { CloudAdapter, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
// The step of CloudAdapter.process kept: time strings to Dates. botbuilder does not export it from its index.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';
import { AuthenticationError, type AuthenticateRequestResult, type BotFrameworkAuthentication, type ClaimsIdentity } from 'botframework-connector';
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
    const activity = validateAndFixActivity(req.body as Activity);
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
    if (typeof logicOrAudience === 'string') return super.continueConversationAsync(identity as ClaimsIdentity, reference, logicOrAudience, maybeLogic!);
    return super.continueConversationAsync(identity as string, reference, logicOrAudience);
  }
}
