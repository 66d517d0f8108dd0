// Liveness and readiness. `GET /healthz` answers 200 while the process serves HTTP at all (for a liveness probe:
// restarting would not help), with "degraded" and every problem named. `GET /readyz` answers 503 while this
// instance should get no traffic: storage cannot write or does not answer within its time budget, the
// knowledge is broken, or the service is draining at shutdown; 200 once each fault has cleared (a load balancer
// routes on it: docs/operations.md, Health and readiness). A check that does I/O (a probe write, a Blob read) runs
// at most once a CHECK_EVERY_MS, however often clients ask, so the routes cost nothing more under a flood.
import type { Server } from 'restify';

const CHECK_EVERY_MS = 1_000;

/** A part that can be unhealthy: its problems now (empty when fine), and whether they take the instance out of service. */
export interface HealthCheck {
  name: string;
  problems(): Promise<string[]> | string[];
  /** Problems that leave the instance serving (a knowledge file with a typo keeps its last good content). */
  degradesOnly?: boolean;
  /** Does I/O: its answer is reused for CHECK_EVERY_MS. */
  slow?: boolean;
}

export interface HealthDeps {
  checks: HealthCheck[];
  draining(): boolean;
  /** More of /healthz's body (the knowledge version and its problems). */
  details(): Record<string, unknown>;
}

interface Checked {
  ready: boolean;
  problems: Record<string, string[]>;
}

export function registerHealthRoutes(server: Server, { checks, draining, details }: HealthDeps): void {
  const startedAt = Date.now();
  const cached = new Map<HealthCheck, { at: number; problems: Promise<string[]> }>();
  const problemsOf = (c: HealthCheck): Promise<string[]> => {
    const last = cached.get(c);
    if (last && Date.now() - last.at < CHECK_EVERY_MS) return last.problems;
    const problems = Promise.resolve()
      .then(() => c.problems())
      .catch((error: Error) => [error.message]);
    if (c.slow) cached.set(c, { at: Date.now(), problems });
    return problems;
  };
  const check = async (): Promise<Checked> => {
    const found = await Promise.all(checks.map(async (c) => ({ c, problems: await problemsOf(c) })));
    return {
      ready: found.every(({ c, problems }) => c.degradesOnly || problems.length === 0),
      problems: Object.fromEntries(found.filter(({ problems }) => problems.length).map(({ c, problems }) => [c.name, problems])),
    };
  };

  server.get('/healthz', async (_req, res) => {
    const { problems } = await check();
    res.header('cache-control', 'no-store');
    res.json(200, {
      status: Object.keys(problems).length || draining() ? 'degraded' : 'ok',
      ...details(),
      ...(Object.keys(problems).length ? { problems } : {}),
      ...(draining() ? { draining: true } : {}),
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  });

  server.get('/readyz', async (_req, res) => {
    const { ready, problems } = await check();
    const ok = ready && !draining();
    res.header('cache-control', 'no-store');
    res.json(ok ? 200 : 503, { ready: ok, ...(draining() ? { draining: true } : {}), problems });
  });
}
