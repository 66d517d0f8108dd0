// Creates a staff account the way an administrator does: `npm run staff -- add <name>` (src/cli/staff.ts)
// on the bot's DATA_DIR, the password given on stdin (the command reads it there when stdin is no terminal).
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestBot } from './botServer.js';
import { storageEnv } from './botServer.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function staffCommand(bot: TestBot, args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: bot.dataDir, KNOWLEDGE_DIR: bot.knowledgeDir, LOG_LEVEL: 'silent', ...storageEnv(bot.dataDir) };
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/staff.ts', ...args],
      { cwd: ROOT, env },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

export async function addStaff(bot: TestBot, username: string, password: string): Promise<void> {
  const result = await staffCommand(bot, ['add', username], `${password}\n`);
  if (result.code !== 0) throw new Error(`npm run staff -- add ${username} failed: ${result.stderr}`);
}
