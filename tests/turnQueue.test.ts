// The order POST /api/messages turns start in: longest-waiting connection first among the requests of one
// event-loop turn, a conversation's turns one at a time in order of arrival, no turn held up by another's I/O.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../src/http/turnQueue.js';

/** Sockets are only keys to the queue: distinct objects stand for distinct connections. */
const connection = (): Socket => ({}) as Socket;

describe('TurnQueue', () => {
  it('starts the turns read together in order of how long their connection has waited since its last answer', async () => {
    const queue = new TurnQueue();
    const [early, late, fresh] = [connection(), connection(), connection()];
    await queue.run(early, 'a', async () => {});
    await sleep(2);
    await queue.run(late, 'b', async () => {});
    const started: string[] = [];
    const turn = (name: string) => async () => void started.push(name);
    // Read in this order within one event-loop turn, as epoll reported the sockets.
    await Promise.all([queue.run(late, 'b', turn('late')), queue.run(early, 'a', turn('early')), queue.run(fresh, 'c', turn('new connection'))]);
    expect(started).toEqual(['new connection', 'early', 'late']);
  });

  it('runs a conversation’s turns one at a time, in the order they arrived', async () => {
    const queue = new TurnQueue();
    const [older, newer] = [connection(), connection()];
    await queue.run(older, 'x', async () => {});
    await sleep(2);
    await queue.run(newer, 'y', async () => {});
    const events: string[] = [];
    const slowTurn = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(20);
      events.push(`${name} end`);
    };
    // The conversation's second message came over the connection that has waited longer.
    await Promise.all([queue.run(newer, 'same', slowTurn('first')), queue.run(older, 'same', slowTurn('second'))]);
    expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
  });

  it('does not hold the other conversations up while a turn waits for I/O, and goes on after a failed turn', async () => {
    const queue = new TurnQueue();
    const events: string[] = [];
    const waiting = queue.run(connection(), 'slow', async () => {
      events.push('slow start');
      await sleep(50);
      events.push('slow end');
    });
    const failing = queue.run(connection(), 'failing', async () => {
      events.push('failing');
      throw new Error('turn failed');
    });
    const quick = queue.run(connection(), 'quick', async () => void events.push('quick'));
    await expect(failing).rejects.toThrow('turn failed');
    await Promise.all([waiting, quick]);
    expect(events).toEqual(['slow start', 'failing', 'quick', 'slow end']);
  });

  it('compares only the first 256 in line: a longer wait further back counts once it is among them', async () => {
    const queue = new TurnQueue();
    const sockets = Array.from({ length: 300 }, connection);
    // Each connection but c280 answered once, in order: in line, the earlier ones have waited longer.
    for (const [i, socket] of sockets.entries()) if (i !== 280) await queue.run(socket, `c${i}`, async () => {});
    const started: string[] = [];
    await Promise.all(sockets.map((socket, i) => queue.run(socket, `c${i}`, async () => void started.push(`c${i}`))));
    // c280, a new connection, has waited longest, but is 281st in line: it starts once 25 have gone.
    expect(started.indexOf('c280')).toBe(25);
    expect(started.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => `c${i}`));
  });
});
