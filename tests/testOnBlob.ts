// `npm run test:blob`: the whole test suite with STORAGE=blob, against an Azurite started for the run
// (each test's service gets the connection string through the environment; see helpers/botServer.ts).
import { spawn } from 'node:child_process';
import { startAzurite } from './helpers/azurite.js';

const azurite = await startAzurite();
const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: 'test-suite',
  },
});
const code = await new Promise<number>((resolve) => vitest.once('exit', (exitCode) => resolve(exitCode ?? 1)));
await azurite.stop();
process.exit(code);
