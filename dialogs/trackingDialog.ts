// Parcel tracking: asks for the S10 code when the message had none, checks each code and answers with
// the tracking link (never a status); an invalid code is explained and a corrected one awaited.
// A reply with no code at all (and not a question, which interruptions.ts answers) goes back to the main dialog.
import { trackingAnswer, trackingAsk } from '../src/replies/messages.js';
import { send } from '../src/replies/send.js';
import { findTrackingCodes } from '../src/understanding/trackingCodes.js';
import { CitizenFlowDialog, type FlowOptions } from './citizenFlowDialog.js';

export const TRACKING_DIALOG = 'trackingDialog';
export type TrackingOptions = FlowOptions<Record<string, never>>;

export class TrackingDialog extends CitizenFlowDialog<Record<string, never>> {
  constructor() {
    super(TRACKING_DIALOG, 'tracking', [
      {
        ask: (_values, lang) => trackingAsk(lang),
        takes: (text) => findTrackingCodes(text).length > 0,
        async accept(context, text, _values, lang) {
          const codes = findTrackingCodes(text);
          if (codes.length === 0) return { end: { reroute: text } };
          if (!codes.some((c) => c.valid)) return { retry: trackingAnswer(codes, lang) };
          await send(context, trackingAnswer(codes, lang), { intent: 'tracking' });
          return { end: undefined };
        },
      },
    ]);
  }
}
