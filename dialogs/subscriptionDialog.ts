// "Đăng ký nhận tin" / "hủy đăng ký": saves or removes this conversation for announcements of new articles.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { subscriptionMessage } from '../src/replies/messages.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import type { SubscriptionStore } from '../src/services/subscriptionStore.js';

export const SUBSCRIPTION_DIALOG = 'subscriptionDialog';
const CHANGE = 'subscriptionChange';

export interface SubscriptionOptions {
  action: 'subscribe' | 'unsubscribe';
}

export class SubscriptionDialog extends ComponentDialog {
  constructor(private readonly subscriptions: SubscriptionStore) {
    super(SUBSCRIPTION_DIALOG);
    this.addDialog(new WaterfallDialog(CHANGE, [this.changeStep.bind(this)]));
    this.initialDialogId = CHANGE;
  }

  private async changeStep(step: WaterfallStepContext<SubscriptionOptions>): Promise<DialogTurnResult> {
    const { subscriptions } = this;
    const outcome =
      step.options.action === 'subscribe'
        ? (await subscriptions.subscribe(step.context)) ? 'subscribed' : 'alreadySubscribed'
        : (await subscriptions.unsubscribe(step.context)) ? 'unsubscribed' : 'notSubscribed';
    await send(step.context, subscriptionMessage(outcome, replyLanguage(step.context)), { intent: step.options.action });
    return step.endDialog();
  }
}
