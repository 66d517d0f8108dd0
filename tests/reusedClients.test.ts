// The outbound clients are built once per app id, service URL and audience, not once per turn.
import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ReusedClientsAuthentication } from '../src/bot/reusedClients.js';

const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'emulator', serviceUrl, conversation: { id: 'c' }, from: { id: 'u' } }) as Activity;

describe('ReusedClientsAuthentication', () => {
  it('gives every turn to one service URL the same connector client, and another URL its own', async () => {
    const auth = new ReusedClientsAuthentication({}, 15_000);
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:9/a'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:9/a'), '');
    const clientA = await first.connectorFactory!.create('http://127.0.0.1:9/a', first.audience);
    expect(await second.connectorFactory!.create('http://127.0.0.1:9/a', second.audience)).toBe(clientA);
    const clientB = await second.connectorFactory!.create('http://127.0.0.1:9/b', second.audience);
    expect(clientB).not.toBe(clientA);
    expect(clientB.conversations).toBeDefined();
    expect(await auth.createConnectorFactory(first.claimsIdentity).create('http://127.0.0.1:9/a', first.audience)).toBe(clientA);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(await auth.createUserTokenClient(second.claimsIdentity));
  });

  it('keeps at most 256 clients when requests bring ever new service URLs', async () => {
    const auth = new ReusedClientsAuthentication({}, 15_000);
    const { connectorFactory, audience } = await auth.authenticateRequest(activity('http://127.0.0.1:9/0'), '');
    const first = await connectorFactory!.create('http://127.0.0.1:9/0', audience);
    for (let i = 1; i <= 256; i++) await connectorFactory!.create(`http://127.0.0.1:9/${i}`, audience);
    // The oldest was dropped to make room: asking for it again builds a new one.
    expect(await connectorFactory!.create('http://127.0.0.1:9/0', audience)).not.toBe(first);
  });
});
