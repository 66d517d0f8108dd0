// The address (as counted by the per-address limits: an IPv6 client by its /64) a turn came from, on the
// channels where anyone can open as many conversations as they like: the Emulator's channel without app
// credentials and the local Direct Line. The channel puts it in the turn's state; the services that keep
// something per conversation (subscriptions, handoffs) cap what one address may hold. Platform channels
// (Teams, Azure Web Chat, Zalo) vouch for their users and carry none. Only a hash of it is ever stored.
import type { TurnContext } from 'botbuilder';
import { hashId } from './records.js';

const ADDRESS = Symbol('clientAddress');

export function setTurnAddress(context: TurnContext, address: string): void {
  context.turnState.set(ADDRESS, address);
}

/** The hashed address of the turn's client, or undefined on a platform channel. */
export function turnAddress(context: TurnContext): string | undefined {
  const address = context.turnState.get(ADDRESS) as string | undefined;
  return address === undefined ? undefined : hashId('address', address);
}
