// The real service as a separate process (`node --import tsx src/index.ts`), for tests that kill it,
// run it as another user, or run two instances on one store. Resolves once it logs "ready".
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildServer {
  process: ChildProcess;
  url: string;
  /** Everything it printed so far (pino JSON lines and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  dataDir: string;
  knowledgeDir: string;
  env?: Record<string, string>;
  /** Run as this user id (a root test process can only meet a read-only folder as another user). */
  uid?: number;
}

function spawnServer(options: ChildOptions): { child: ChildProcess; output: () => string; exited: Promise<number | string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: options.dataDir,
      KNOWLEDGE_DIR: options.knowledgeDir,
      LOG_LEVEL: 'info',
      // Files in DATA_DIR unless a test asks for Blob (a `test:blob` run sets STORAGE for the whole suite).
      STORAGE: 'lowdb',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, output: () => text, exited };
}

/** Starts the service and waits for its "ready" line; rejects with its output if it exits first. */
export async function startChildServer(options: ChildOptions): Promise<ChildServer> {
  const { child, output, exited } = spawnServer(options);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "ready" line within 30 s:\n${output()}`)), 30_000);
    const check = (): void => {
      const match = /"port":(\d+)[^\n]*"msg":"ready/u.exec(output());
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before ready:\n${output()}`));
    });
  });
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs the service expecting it to refuse to start; resolves with its exit code and output. */
export async function runUntilExit(options: ChildOptions, timeoutMs = 30_000): Promise<{ code: number | string; output: string }> {
  const { child, output, exited } = spawnServer(options);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}

/**
 * What each message turn did (its intent), in order, from the per-turn log lines a child service printed:
 * its turn outcomes are in another process. A line still being written is skipped.
 */
export function loggedIntents(output: string): string[] {
  const intents: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{"') || !line.endsWith('}')) continue;
    const entry = JSON.parse(line) as { msg?: string; turn?: { type?: string; intent?: string } };
    if (entry.msg === 'turn' && entry.turn?.type === 'message') intents.push(entry.turn.intent ?? '');
  }
  return intents;
}
