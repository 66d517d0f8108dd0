// Import rules checked by `npm test` (depcruise): no circles, and the lower layers never import the higher
// ones. The order, top down: entry (index, cli) → server/app → channels, staff → bot → dialogs →
// services → understanding, answer → search, knowledge → text, storage, http, config.
const HIGHER_THAN_TEXT = '^(dialogs|src/(app|server|index|cli|channels|staff|bot|services|understanding|answer|search|knowledge|evaluation))';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Files that import each other in a loop.', from: {}, to: { circular: true } },
    {
      name: 'entry-is-top',
      severity: 'error',
      comment: 'Nothing imports the entry points (index.ts, the npm run commands).',
      from: { pathNot: '^src/(index|cli/)' },
      to: { path: '^src/(index\\.ts|cli/)' },
    },
    {
      name: 'base-layer',
      severity: 'error',
      comment: 'text/, storage/, config (config.ts and its sections in config/), logger and the bounded cache are the ground floor.',
      from: { path: '^src/(text/|storage/|config/|config\\.ts|logger\\.ts|boundedCache\\.ts)' },
      to: { path: HIGHER_THAN_TEXT },
    },
    {
      name: 'search-below-answers',
      severity: 'error',
      comment: 'The search engine knows nothing of knowledge files, answers, dialogs or channels.',
      from: { path: '^src/search/' },
      to: { path: '^(dialogs|src/(app|server|channels|staff|bot|services|understanding|answer|knowledge|evaluation))' },
    },
    {
      name: 'evaluation-outside-the-service',
      severity: 'error',
      comment: 'The evaluation runner is used by tests and npm run commands, never by the running service.',
      from: { path: '^(dialogs|src/(app|server|channels|staff|bot|services|understanding|answer|search|knowledge|text|storage|http))' },
      to: { path: '^src/evaluation/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
