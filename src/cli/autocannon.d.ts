// The part of autocannon's API that src/cli/bench.ts uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: Request, context: Record<string, string>) => Request;
      onResponse?: (status: number, body: string, context: Record<string, string>) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      overallRate?: number;
      requests?: Request[];
    }
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      total: number;
    }
    interface Result {
      requests: Histogram;
      latency: Histogram;
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
  }
  /** The run: a promise of its result that also emits 'response' for every answered request. */
  interface Run extends Promise<autocannon.Result> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, latencyMs: number) => void): this;
  }
  function autocannon(options: autocannon.Options): Run;
  export default autocannon;
}
