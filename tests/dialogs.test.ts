// The dialog tree on its own, through botbuilder-testing's DialogTestClient: the root (MainDialog) with its
// flows, built as createApp builds them, over real citizen services on a MemoryStorage and a copy of the
// fixture knowledge. What a message in the middle of a flow does (cancel, back, an aside, another question,
// the end of a handoff) is decided by the root's interruption base before the flow continues.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ConversationState, MemoryStorage, type Activity, type Middleware } from 'botbuilder';
import { DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogInstance, type DialogState } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type AnyFeature, type Feature } from '../dialogs/feature.js';
import { FEATURES } from '../src/features/index.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { Answers } from '../src/answer/answers.js';
import { loadCitizenSettings } from '../src/config/citizen.js';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore.js';
import { createLogger } from '../src/logger.js';
import { cancelledMessage } from '../src/replies/commonTexts.js';
import { handoffConnected } from '../src/features/handoff/texts.js';
import { handoffEnded } from '../src/replies/commonTexts.js';
import { ticketDetailsAsk, ticketKindAsk, ticketNameAsk, ticketPhoneAsk } from '../src/features/tickets/texts.js';
import { smallTalk } from '../src/features/smallTalk/feature.js';
import { BUILT_IN_INTENTS } from '../src/understanding/intents.js';
import { featureIntent } from '../src/understanding/featureIntents.js';
import { send } from '../src/replies/send.js';
import { turnOutcome, type ReplyIntent } from '../src/replies/turnOutcome.js';
import { createCitizenServices, type CitizenServices } from '../src/services/citizenServices.js';
import { CITIZEN_TEXTS } from '../src/citizenWiring.js';
import { copyKnowledge, tempDir } from './helpers/botServer.js';

// The intent of the parcel pickup feature defined in a test below, named as a feature's intents.ts names it.
declare module '../src/understanding/featureIntents.js' {
  interface FeatureIntents {
    pickupTest: { name: 'pickupTest'; today: boolean };
  }
}

const FIXTURE_ARTICLES = path.resolve(import.meta.dirname, 'fixtures/articles');
const DETAILS = 'Nhân viên giao hàng thái độ chưa tốt, đề nghị bưu điện nhắc nhở';

describe('the dialog tree (DialogTestClient)', () => {
  let dataDir: string;
  let knowledgeDir: string;
  let answers: Answers;
  let storage: MemoryStorage;
  let conversationState: ConversationState;
  let services: CitizenServices;

  beforeAll(async () => {
    dataDir = tempDir('dialogs');
    // Five articles, so that the news list has a second page.
    knowledgeDir = copyKnowledge();
    cpSync(FIXTURE_ARTICLES, path.join(knowledgeDir, 'articles'), { recursive: true });
    const log = createLogger('silent');
    const knowledge = new KnowledgeStore({ dir: knowledgeDir, savedDir: dataDir, log });
    answers = new Answers(knowledge);
    await knowledge.load();
    storage = new MemoryStorage();
    conversationState = new ConversationState(storage);
    services = createCitizenServices({
      storage,
      log,
      conversationState,
      // A person can always be reached, through the built-in inbox.
      settings: loadCitizenSettings({ OFFICE_HOURS: 'Mon-Sun 00:00-24:00' }),
      messagingWindows: {},
      sharedStorage: false,
      texts: CITIZEN_TEXTS,
      continueConversation: () => Promise.reject(new Error('no proactive messages in these tests')),
    });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(knowledgeDir, { recursive: true, force: true });
  });

  /** A new conversation with the root, built as createApp builds it. */
  function client(): DialogTestClient {
    const root = new MainDialog(FEATURES, { knowledge: answers, services });
    return new DialogTestClient('test', root, undefined, [], conversationState);
  }

  /** The texts the bot sent in answer to `text`. */
  async function say(test: DialogTestClient, text: string): Promise<string[]> {
    const replies: Partial<Activity>[] = [];
    for (let reply = await test.sendActivity(text); reply; reply = test.getNextReply()) replies.push(reply);
    return replies.map((r) => r.text ?? '');
  }

  /** The dialogs on the stack as the turn left it, root first (a component keeps its own stack in its state). */
  function stack(test: DialogTestClient): string[] {
    const names: string[] = [];
    for (let instances: DialogInstance[] = test.dialogContext.stack; instances.length > 0;) {
      const top = instances[instances.length - 1]!;
      names.push(top.id);
      instances = (top.state as { dialogs?: DialogState }).dialogs?.dialogStack ?? [];
    }
    return names;
  }

  it('answers a question within the turn: the root ends, nothing is left on the stack', async () => {
    const test = client();
    const [answer] = await say(test, 'số tổng đài bưu điện là gì');
    expect(answer).toContain('1900 54 54 81');
    expect(test.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(stack(test)).toEqual([]);
  });

  it('cancels the ticket form with "hủy" in the middle, says so, and writes nothing', async () => {
    const test = client();
    expect(await say(test, 'Góp ý – khiếu nại')).toEqual([ticketKindAsk('vi').text]);
    expect(stack(test)).toEqual(['main', 'ticketDialog']);
    expect(await say(test, 'Khiếu nại')).toEqual([ticketDetailsAsk('complaint', 'vi').text]);
    expect(await say(test, 'hủy')).toEqual([cancelledMessage('vi').text]);
    expect(stack(test)).toEqual([]);
    expect((await services.tickets.list()).length).toBe(0);
    const [answer] = await say(test, 'số tổng đài bưu điện là gì');
    expect(answer).toContain('1900 54 54 81');
  });

  it('answers a question asked at the name step, asks for the name again, then takes the name', async () => {
    const test = client();
    await say(test, 'Góp ý – khiếu nại');
    await say(test, 'Khiếu nại');
    expect(await say(test, DETAILS)).toEqual([ticketNameAsk('vi').text]);
    const [answer, again] = await say(test, 'cho hỏi số tổng đài là gì');
    expect(answer).toContain('1900 54 54 81');
    expect(again).toBe(ticketNameAsk('vi').text);
    expect(stack(test)).toEqual(['main', 'ticketDialog']);
    expect(await say(test, 'Nguyễn Văn An')).toEqual([ticketPhoneAsk('vi').text]);
  });

  it('goes back a step with "quay lại", and leaves the form from its first step', async () => {
    const test = client();
    await say(test, 'Góp ý – khiếu nại');
    await say(test, 'Khiếu nại');
    await say(test, DETAILS);
    expect(await say(test, 'quay lại')).toEqual([ticketDetailsAsk('complaint', 'vi').text]);
    expect(await say(test, 'quay lại')).toEqual([ticketKindAsk('vi').text]);
    expect(await say(test, 'quay lại')).toEqual([cancelledMessage('vi').text]);
    expect(stack(test)).toEqual([]);
  });

  it('pages the news with "xem thêm", and leaves the list for another question', async () => {
    const test = client();
    const [page1] = await say(test, 'tin mới nhất');
    expect(page1).toContain('1. Bản tin kiểm thử số 3 (03/06/2021)');
    expect(stack(test)).toEqual(['main', 'newsDialog']);
    const [page2] = await say(test, 'xem thêm');
    expect(page2).toContain('4. Thông báo thử nghiệm về lịch tiếp nhận bưu gửi dịp lễ (15/03/2021)');
    // The last page: the list has nothing more to wait for.
    expect(stack(test)).toEqual([]);

    const again = client();
    await say(again, 'tin mới nhất');
    const [answer, ...more] = await say(again, 'số tổng đài bưu điện là gì');
    expect(answer).toContain('1900 54 54 81');
    expect(more).toEqual([]);
    expect(stack(again)).toEqual([]);
  });

  it('stays silent while staff hold the conversation, passing messages on, until "kết thúc"', async () => {
    const test = client();
    expect(await say(test, 'cho tôi gặp nhân viên')).toEqual([handoffConnected('vi').text]);
    expect(stack(test)).toEqual(['main', 'handoffDialog']);
    // A question and a cancel-free request are the staff's now, not the bot's.
    expect(await say(test, 'alo, còn ai ở đó không')).toEqual([]);
    expect(await say(test, 'tin mới nhất')).toEqual([]);
    const [open] = await services.handoff.open();
    expect(open!.transcript!.map((line) => line.text)).toEqual(expect.arrayContaining(['alo, còn ai ở đó không', 'tin mới nhất']));

    expect(await say(test, 'kết thúc')).toEqual([handoffEnded('vi').text]);
    expect(stack(test)).toEqual([]);
    expect(await services.handoff.open()).toEqual([]);
    const [news] = await say(test, 'tin mới nhất');
    expect(news).toContain('1. Bản tin kiểm thử số 3');
  });

  it('has a handler for every intent, and refuses to be built without one', () => {
    const deps = { knowledge: answers, services };
    expect(() => new MainDialog(FEATURES, deps)).not.toThrow();
    const withoutSmallTalk = FEATURES.filter((feature) => feature !== smallTalk);
    expect(() => new MainDialog(withoutSmallTalk, deps)).toThrow(/No handler for the intent\(s\) empty, menu, greeting/u);
    const handled = new Set(FEATURES.flatMap((feature) => Object.keys(feature.handlers)));
    expect(BUILT_IN_INTENTS.filter((name) => !handled.has(name))).toEqual([]);
  });

  it('runs a stock WaterfallDialog with prompts as a flow: each answer goes to its prompt, "hủy" ends it', async () => {
    // A parcel pickup as a newcomer would write it with botbuilder's own dialogs, begun by "gặp nhân viên".
    const pickup = {
      handlers: { handoff: async () => start('pickup', {}) },
      flows: () => [
        new TextPrompt('pickupText'),
        new WaterfallDialog('pickup', [
          (step) => step.prompt('pickupText', 'Địa chỉ lấy hàng?'),
          (step) => {
            (step.values as { address?: string }).address = step.result as string;
            return step.prompt('pickupText', 'Số điện thoại?');
          },
          async (step) => {
            await step.context.sendActivity(`Lấy hàng tại ${(step.values as { address: string }).address}, gọi ${step.result as string}.`);
            return step.endDialog();
          },
        ]),
      ],
    } satisfies Feature<'handoff'>;
    // A state of its own: the conversations above left stacks of a root without this flow.
    const state = new ConversationState(new MemoryStorage());
    const root = () =>
      new DialogTestClient('test', new MainDialog([...FEATURES, pickup], { knowledge: answers, services }), undefined, [], state);

    const test = root();
    expect(await say(test, 'cho tôi gặp nhân viên')).toEqual(['Địa chỉ lấy hàng?']);
    expect(stack(test)).toEqual(['main', 'pickupText']);
    // Not an aside to answer nor a cancel: the prompt's answer, even when it looks like a question.
    expect(await say(test, 'số 5 đường Trường Chinh')).toEqual(['Số điện thoại?']);
    expect(await say(test, '0912345678')).toEqual(['Lấy hàng tại số 5 đường Trường Chinh, gọi 0912345678.']);
    expect(stack(test)).toEqual([]);

    const cancelled = root();
    await say(cancelled, 'cho tôi gặp nhân viên');
    expect(await say(cancelled, 'hủy')).toEqual([cancelledMessage('vi').text]);
    expect(stack(cancelled)).toEqual([]);
  });

  it('runs a feature that adds its own intent and flow through the contract alone, with no line elsewhere', async () => {
    // A parcel pickup as a newcomer would add it in src/features/pickup/: the intent that starts it (recognised
    // on the folded text, carrying whether it is for today), its handler, and its flow.
    const PICKUP = /\b(?:hen|dat lich) lay hang\b/u;
    const pickup = {
      intents: [
        featureIntent('pickupTest', ({ folded }) =>
          PICKUP.test(folded) ? { name: 'pickupTest', today: folded.includes('hom nay') } : undefined,
        ),
      ],
      handlers: {
        async pickupTest({ context }, { today }) {
          await send(context, { text: today ? 'Dạ, lấy hàng trong hôm nay.' : 'Dạ, hẹn lấy hàng.', actions: [] }, { intent: 'pickupTest' });
          return start('pickupTest', {});
        },
      },
      flows: () => [
        new TextPrompt('pickupText'),
        new WaterfallDialog('pickupTest', [
          (step) => step.prompt('pickupText', 'Địa chỉ lấy hàng?'),
          async (step) => {
            await send(step.context, { text: `Lấy hàng tại ${step.result as string}.`, actions: [] }, { intent: 'pickupTest' });
            return step.endDialog();
          },
        ]),
      ],
    } satisfies Feature<'pickupTest'>;
    const intents: ReplyIntent[][] = [];
    const recordIntents: Middleware = {
      async onTurn(context, next) {
        await next();
        intents.push(turnOutcome(context).map((reply) => reply.intent));
      },
    };
    const state = new ConversationState(new MemoryStorage());
    const root = (features: readonly AnyFeature[]) =>
      new DialogTestClient('test', new MainDialog(features, { knowledge: answers, services }), undefined, [recordIntents], state);

    // Without the feature the words mean nothing of the kind.
    const without = root(FEATURES);
    await say(without, 'hẹn lấy hàng tại nhà hôm nay');
    expect(intents.pop()).not.toContain('pickupTest');

    const test = root([...FEATURES, pickup]);
    expect(await say(test, 'hẹn lấy hàng tại nhà hôm nay')).toEqual(['Dạ, lấy hàng trong hôm nay.', 'Địa chỉ lấy hàng?']);
    expect(stack(test)).toEqual(['main', 'pickupText']);
    expect(await say(test, 'số 5 đường Trường Chinh')).toEqual(['Lấy hàng tại số 5 đường Trường Chinh.']);
    expect(stack(test)).toEqual([]);
    expect(intents.splice(0)).toEqual([['pickupTest'], ['pickupTest']]);

    // Said in the middle of a form, it is a request that needs a flow of its own: it replaces the form.
    const inForm = root([...FEATURES, pickup]);
    expect(await say(inForm, 'Góp ý – khiếu nại')).toEqual([ticketKindAsk('vi').text]);
    expect(await say(inForm, 'đặt lịch lấy hàng')).toEqual(['Dạ, hẹn lấy hàng.', 'Địa chỉ lấy hàng?']);
    expect(stack(inForm)).toEqual(['main', 'pickupText']);

    // An intent without its handler, or a handler for an intent nothing recognises, is refused.
    const deps = { knowledge: answers, services };
    expect(() => new MainDialog([...FEATURES, { ...pickup, handlers: {} }], deps)).toThrow(/No handler for the intent\(s\) pickupTest/u);
    expect(() => new MainDialog([...FEATURES, { ...pickup, intents: [] }], deps)).toThrow(
      /No intent recognised for the handler\(s\) pickupTest/u,
    );
  });
});
