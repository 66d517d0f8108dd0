// /healthz and /readyz on a real restify server: readiness follows each fault and clears with it, a problem
// that only degrades leaves the instance ready, draining takes it out, and liveness stays 200 throughout.
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerHealthRoutes } from '../src/http/healthRoutes.js';

describe('health and readiness', () => {
  const faults = { storage: [] as string[], files: [] as string[], draining: false };
  const server = restify.createServer();
  let url: string;
  beforeAll(async () => {
    registerHealthRoutes(server, {
      checks: [
        { name: 'storage', problems: async () => faults.storage },
        { name: 'knowledgeFiles', degradesOnly: true, problems: () => faults.files },
      ],
      draining: () => faults.draining,
      details: () => ({ knowledge: { version: 'v1' } }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const state = async () => {
    const [health, ready] = await Promise.all([fetch(`${url}/healthz`), fetch(`${url}/readyz`)]);
    return { live: health.status, health: (await health.json()) as { status: string }, ready: ready.status };
  };

  it('is ready when nothing is wrong, not ready while storage fails or while draining, and recovers', async () => {
    expect(await state()).toMatchObject({ live: 200, ready: 200, health: { status: 'ok', knowledge: { version: 'v1' } } });
    faults.files = ['entries/a.json:3: bad'];
    expect(await state()).toMatchObject({ live: 200, ready: 200, health: { status: 'degraded' } });
    faults.storage = ['state.json cannot be written: ENOSPC'];
    expect(await state()).toMatchObject({
      live: 200,
      ready: 503,
      health: { status: 'degraded', problems: { storage: ['state.json cannot be written: ENOSPC'] } },
    });
    faults.storage = [];
    faults.files = [];
    expect(await state()).toMatchObject({ live: 200, ready: 200, health: { status: 'ok' } });
    faults.draining = true;
    expect(await state()).toMatchObject({ live: 200, ready: 503, health: { status: 'degraded', draining: true } });
  });
});
