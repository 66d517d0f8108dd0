// Parcel tracking when the message had no valid code: asks for the S10 code, checks each code and answers
// with the tracking link (never a status); an invalid code is explained and a corrected one awaited.
// A reply with no code at all (and not a question, which the root answers before asking again) leaves the flow.
import { trackingAnswer, trackingAsk } from './texts.js';
import { send } from '../../replies/send.js';
import { findTrackingCodes } from '../../understanding/trackingCodes.js';
import { CitizenFlowDialog, type FlowOptions } from '../../../dialogs/citizenFlowDialog.js';

export const TRACKING_DIALOG = 'trackingDialog';
export type TrackingOptions = FlowOptions<Record<string, never>>;

export class TrackingDialog extends CitizenFlowDialog<Record<string, never>> {
  constructor() {
    super(TRACKING_DIALOG, 'tracking', { endedBy: 'cancel', form: true, otherwise: 'leave' }, [
      {
        ask: (_values, lang) => trackingAsk(lang),
        takes: (_context, text) => findTrackingCodes(text).length > 0,
        async accept(context, text, _values, lang) {
          const codes = findTrackingCodes(text);
          if (!codes.some((c) => c.valid)) return { retry: trackingAnswer(codes, lang) };
          await send(context, trackingAnswer(codes, lang), { intent: 'tracking' });
          return { end: true };
        },
      },
    ]);
  }
}
