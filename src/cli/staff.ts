// npm run staff -- add|list|remove <username>
// Staff accounts of the console (/staff). `add` asks the password twice on the terminal (not echoed); when
// stdin is not a terminal it reads one line from it instead (scripts, tests). `add` on an existing account
// sets a new password. Works on the store the bot uses (STORAGE, DATA_DIR, … as for npm start).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { StaffAccounts, USERNAME } from '../staff/accounts.js';
import { passwordProblem } from '../staff/passwordRules.js';
import { accountStorage } from '../staff/accountStorage.js';
import { createStorage } from '../storage/createStorage.js';

const USAGE = 'Usage: npm run staff -- add|list|remove <username>   (user names: 2-32 of a-z 0-9 . _ -)';

function fail(message: string, code = 2): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(code);
}

/** One line typed on the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  process.stdout.write(prompt);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function firstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLine();
  const password = await askHidden('Mật khẩu / Password: ');
  if ((await askHidden('Nhập lại / Again: ')) !== password) fail('The two passwords differ.', 1);
  return password;
}

const [command, rawName, ...rest] = process.argv.slice(2);
if (!['add', 'list', 'remove'].includes(command ?? '') || rest.length > 0)
  fail(`Unknown command "${[command, rawName, ...rest].filter(Boolean).join(' ')}".`);
const username = rawName?.trim().toLowerCase();
if (command !== 'list' && (!username || !USERNAME.test(username)))
  fail(`Give a user name of 2-32 characters a-z 0-9 . _ - (got "${rawName ?? ''}").`);

try {
  const config = loadConfig();
  const log = createLogger('silent');
  // On lowdb the bot's own state.json is left alone: a running bot holds it (see accountStorage.ts).
  const shared = config.storage.kind === 'blob' ? await createStorage(config, log) : undefined;
  const accounts = new StaffAccounts(accountStorage(config, shared));
  if (command === 'list') {
    const names = await accounts.list();
    process.stdout.write(names.length ? `${names.join('\n')}\n` : 'Chưa có tài khoản nhân viên (npm run staff -- add <tên>).\n');
  } else if (command === 'remove') {
    const removed = await accounts.remove(username!);
    process.stdout.write(removed ? `Đã xóa tài khoản ${username}.\n` : `Không có tài khoản ${username}.\n`);
    if (!removed) process.exitCode = 1;
  } else {
    const password = await readPassword();
    const problem = passwordProblem(password, username!);
    if (problem) fail(`Chưa lưu: ${problem}`, 1);
    const created = await accounts.set(username!, password);
    process.stdout.write(created ? `Đã tạo tài khoản ${username}.\n` : `Đã đổi mật khẩu của ${username}.\n`);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
