// CloudAdapter with its own answer to POST /api/messages. CloudAdapter.process walks the body again with
// zod (three passes over every key, a twentieth of a turn) before processActivity, while the HTTP guards
// have already validated it (ajv, src/http/activitySchema.ts: 400 with the reason, before any turn starts).
// processActivity itself (the JWT check, the turn, expectReplies and invoke answers) is botbuilder's.
import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
// The step of CloudAdapter.process kept: time strings to Dates. botbuilder does not export it from its index.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import { sendError } from '../http/httpError.js';
import type { Logger } from '../logger.js';

export class HotlineAdapter extends CloudAdapter {
  /** Answers a validated POST /api/messages: the turn's status and body, 401 for a missing or bad token. */
  async processRequest(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>, log: Logger): Promise<void> {
    try {
      const invokeResponse = await this.processActivity(req.headers.authorization ?? '', validateAndFixActivity(req.body as Activity), logic);
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
      res.end();
    } catch (error) {
      if (error instanceof AuthenticationError) return sendError(res, 401);
      log.error({ err: error }, 'activity not processed');
      sendError(res, 500);
    }
  }
}
