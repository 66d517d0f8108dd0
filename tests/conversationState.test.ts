// The conversation state writes when a turn changed it, and only then, with botbuilder's accessors on top.
import path from 'node:path';
import { ConversationState, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FileStorage } from '../src/storage/fileStorage.js';
import { tempDir } from './helpers/botServer.js';
import { rmSync } from 'node:fs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const turn = (conversation: string): TurnContext =>
  new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'test',
    conversation: { id: conversation },
    from: { id: 'u' },
    recipient: { id: 'bot' },
    text: 'x',
  } as Activity);

describe("botbuilder's ConversationState on the journal file storage", () => {
  it('saves a changed state, skips an unchanged one, clears and deletes', async () => {
    const dir = tempDir('conversation-state');
    dirs.push(dir);
    const storage = new FileStorage(path.join(dir, 'state.json'));
    const writes = vi.spyOn(storage, 'write');
    const state = new ConversationState(storage);
    const counter = state.createProperty<{ n: number }>('counter');

    let context = turn('c1');
    (await counter.get(context, { n: 0 })).n++;
    await state.saveChanges(context);
    expect(writes).toHaveBeenCalledTimes(1);

    context = turn('c1');
    expect(await counter.get(context)).toEqual({ n: 1 });
    await state.saveChanges(context); // read, not changed
    expect(writes).toHaveBeenCalledTimes(1);
    (await counter.get(context))!.n = 5;
    await state.saveChanges(context);
    await state.saveChanges(context); // saved already
    expect(writes).toHaveBeenCalledTimes(2);
    expect(await counter.get(turn('c1'))).toEqual({ n: 5 });
    expect(await counter.get(turn('c2'))).toBeUndefined();

    context = turn('c1');
    await state.load(context);
    await state.clear(context);
    await state.saveChanges(context);
    expect(writes).toHaveBeenCalledTimes(3);
    expect(await counter.get(turn('c1'))).toBeUndefined();

    context = turn('c1');
    await counter.set(context, { n: 7 });
    await state.saveChanges(context);
    await state.delete(context);
    expect(state.get(context)).toBeUndefined();
    expect(await storage.read(['test/conversations/c1/'])).toEqual({});
  });
});
