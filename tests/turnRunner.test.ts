// The order every channel's turns start in: longest-waiting connection first among the requests of one
// event-loop turn, a conversation's turns one at a time in order of arrival, no turn held up by another's I/O,
// every turn tracked for shutdown from the moment it arrives.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TurnRunner } from '../src/bot/turnRunner.js';

/** Sockets are only keys to the runner: distinct objects stand for distinct connections. */
const connection = (): Socket => ({}) as Socket;

describe('TurnRunner', () => {
  it('starts the turns read together in order of how long their connection has waited since its last answer', async () => {
    const runner = new TurnRunner();
    const [early, late, fresh] = [connection(), connection(), connection()];
    await runner.run('a', async () => {}, early);
    await sleep(2);
    await runner.run('b', async () => {}, late);
    const started: string[] = [];
    const turn = (name: string) => async () => void started.push(name);
    // Read in this order within one event-loop turn, as epoll reported the sockets.
    await Promise.all([
      runner.run('b', turn('late'), late),
      runner.run('a', turn('early'), early),
      runner.run('c', turn('new connection'), fresh),
    ]);
    expect(started).toEqual(['new connection', 'early', 'late']);
  });

  it('runs a conversation’s turns one at a time, in the order they arrived', async () => {
    const runner = new TurnRunner();
    const [older, newer] = [connection(), connection()];
    await runner.run('x', async () => {}, older);
    await sleep(2);
    await runner.run('y', async () => {}, newer);
    const events: string[] = [];
    const slowTurn = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(20);
      events.push(`${name} end`);
    };
    // The conversation's second message came over the connection that has waited longer.
    await Promise.all([runner.run('same', slowTurn('first'), newer), runner.run('same', slowTurn('second'), older)]);
    expect(events).toEqual(['first start', 'first end', 'second start', 'second end']);
  });

  it('does not hold the other conversations up while a turn waits for I/O, and goes on after a failed turn', async () => {
    const runner = new TurnRunner();
    const events: string[] = [];
    const waiting = runner.run(
      'slow',
      async () => {
        events.push('slow start');
        await sleep(50);
        events.push('slow end');
      },
      connection(),
    );
    const failing = runner.run(
      'failing',
      async () => {
        events.push('failing');
        throw new Error('turn failed');
      },
      connection(),
    );
    const quick = runner.run('quick', async () => void events.push('quick'), connection());
    await expect(failing).rejects.toThrow('turn failed');
    await Promise.all([waiting, quick]);
    expect(events).toEqual(['slow start', 'failing', 'quick', 'slow end']);
  });

  it('compares only the first 256 in line: a longer wait further back counts once it is among them', async () => {
    const runner = new TurnRunner();
    const sockets = Array.from({ length: 300 }, connection);
    // Each connection but c280 answered once, in order: in line, the earlier ones have waited longer.
    for (const [i, socket] of sockets.entries()) if (i !== 280) await runner.run(`c${i}`, async () => {}, socket);
    const started: string[] = [];
    await Promise.all(sockets.map((socket, i) => runner.run(`c${i}`, async () => void started.push(`c${i}`), socket)));
    // c280, a new connection, has waited longest, but is 281st in line: it starts once 25 have gone.
    expect(started.indexOf('c280')).toBe(25);
    expect(started.slice(0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => `c${i}`));
  });

  it('starts a turn without a connection (a webhook already answered, a polled update) in order of arrival among the others', async () => {
    const runner = new TurnRunner();
    const answered = connection();
    await runner.run('a', async () => {}, answered);
    const started: string[] = [];
    const turn = (name: string) => async () => void started.push(name);
    // Arrived after the connection was answered, before a new connection's request: between the two.
    await Promise.all([
      runner.run('b', turn('update'), undefined),
      runner.run('c', turn('new connection'), connection()),
      runner.run('a', turn('answered before'), answered),
    ]);
    expect(started).toEqual(['new connection', 'answered before', 'update']);
  });

  it('tracks every turn from its arrival, also while it waits behind its conversation', async () => {
    const tracked: Promise<unknown>[] = [];
    const runner = new TurnRunner((work) => {
      tracked.push(work);
      return work;
    });
    const events: string[] = [];
    const first = runner.run('same', async () => {
      await sleep(20);
      events.push('first');
    });
    const second = runner.run('same', async () => void events.push('second'));
    expect(tracked).toEqual([first, second]);
    await Promise.all(tracked);
    expect(events).toEqual(['first', 'second']);
  });
});
