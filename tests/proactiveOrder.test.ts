// Proactive sends (ticket updates, staff replies, announcements) go through the turn runner's
// per-conversation order, as every channel's turns do: a proactive send and a citizen's turn in the same
// conversation never interleave.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ask, startBot, type TestBot } from './helpers/botServer.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => bot.dispose());

/** A promise and what settles it. */
function signal(): { done: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const done = new Promise<void>((resolve) => (fire = resolve));
  return { done, fire };
}

it("runs a proactive send in the conversation's turn order: a citizen's turn waits until it has finished", async () => {
  const order: string[] = [];
  const started = signal();
  const gate = signal();
  const proactive = bot.app.continueConversation(
    {
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: 'proactive-order', isGroup: false, conversationType: 'personal', name: '' },
      user: { id: 'user-proactive-order', name: '' },
      bot: { id: 'bot', name: '' },
    },
    async () => {
      order.push('proactive begins');
      started.fire();
      await gate.done;
      order.push('proactive ends');
    },
  );
  await started.done;

  // The citizen's message arrives while the proactive send is under way; its turn is marked when it starts.
  const { turns } = bot.app.channels;
  const run = turns.run.bind(turns);
  const queued = signal();
  turns.run = (conversation, turn, connection) => {
    if (conversation !== 'emulator/proactive-order') return run(conversation, turn, connection);
    queued.fire();
    return run(
      conversation,
      async () => {
        order.push('citizen');
        await turn();
      },
      connection,
    );
  };
  const citizen = ask(bot.url, 'proactive-order', 'hotline');
  await queued.done;
  // A turn of another conversation, in line behind the citizen's, lets the proactive send finish.
  await run('emulator/another', async () => gate.fire());
  const [replies] = await Promise.all([citizen, proactive]);
  turns.run = run;

  expect(replies[0]?.text).toContain('1900 54 54 81');
  expect(order).toEqual(['proactive begins', 'proactive ends', 'citizen']);
});
