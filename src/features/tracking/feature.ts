// Parcel tracking: a message with valid codes gets their tracking links at once; invalid codes are
// explained and a corrected one awaited, no code at all is asked for (the tracking flow). An item that has
// not come gets the tracking and complaint offer.
import { start, type Feature } from '../../../dialogs/feature.js';
import { send } from '../../replies/send.js';
import { itemProblemMessage, trackingAnswer } from './texts.js';
import { TRACKING_DIALOG, TrackingDialog, type TrackingOptions } from './trackingDialog.js';

export const tracking = {
  handlers: {
    async tracking({ context, lang }, { codes }) {
      if (codes.length > 0 && codes.every((c) => c.valid)) {
        await send(context, trackingAnswer(codes, lang), { intent: 'tracking' });
        return undefined;
      }
      return start<TrackingOptions>(TRACKING_DIALOG, { values: {}, retry: codes.length ? trackingAnswer(codes, lang) : undefined });
    },
    async itemProblem({ context, lang, services }, { angry }) {
      await send(context, itemProblemMessage(angry, lang, services.handoff.personReachable()), { intent: 'itemProblem' });
      return undefined;
    },
  },
  flows: () => [new TrackingDialog()],
} satisfies Feature<'tracking' | 'itemProblem'>;
