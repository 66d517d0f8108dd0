// Import rules checked by `npm test` (depcruise): no circles, and every import points down the house.
// The floors, top down; a file may import its own floor and the floors below, never one above.
// A feature (src/features/<name>/: its handlers, flows and texts) is a dialog: services and replies never
// import one; what a service says comes from the composition root (CITIZEN_TEXTS in src/citizenWiring.ts).
const FLOORS = [
  ['entry points (index.ts, the npm run commands)', ['src/index\\.ts', 'src/cli/']],
  ['the composition root', ['src/app\\.ts', 'src/citizenWiring\\.ts']],
  ['channels and the staff side', ['src/channels/', 'src/staff/']],
  ['the bot (activity handler, adapter, turn)', ['src/bot/']],
  ['dialogs and features', ['dialogs/', 'src/features/']],
  ['citizen services', ['src/services/']],
  ['replies (how the bot says it)', ['src/replies/']],
  ['understanding and answers', ['src/understanding/', 'src/answer/']],
  ['search and knowledge', ['src/search/', 'src/knowledge/']],
  [
    'ground floor',
    [
      'src/text/',
      'src/storage/',
      'src/http/',
      'src/config/',
      'src/config\\.ts',
      'src/logger\\.ts',
      'src/boundedCache\\.ts',
      'src/slices\\.ts',
      'src/ticket\\.ts',
    ],
  ],
];
const pattern = (paths) => `^(${paths.join('|')})`;

const floorRules = FLOORS.slice(1).map(([name, paths], i) => ({
  name: `no-upward: ${name}`,
  severity: 'error',
  comment: `${name} import nothing from the floors above: ${FLOORS.slice(0, i + 1)
    .map(([above]) => above)
    .join('; ')}.`,
  from: { path: pattern(paths) },
  to: { path: pattern(FLOORS.slice(0, i + 1).flatMap(([, above]) => above)) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Files that import each other in a loop.', from: {}, to: { circular: true } },
    ...floorRules,
    {
      name: 'no-test-code',
      severity: 'error',
      comment: 'Nothing in src/ or dialogs/ imports from tests/ (the Azurite launcher and the fakes live there).',
      from: { path: '^(src|dialogs)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'search-knows-no-knowledge',
      severity: 'error',
      comment: 'The search engine indexes documents; it knows nothing of knowledge files.',
      from: { path: '^src/search/' },
      to: { path: '^src/knowledge/' },
    },
    {
      name: 'evaluation-outside-the-service',
      severity: 'error',
      comment: 'The evaluation runner is used by tests and npm run commands, never by the running service.',
      from: { pathNot: '^src/(cli|evaluation)/' },
      to: { path: '^src/evaluation/' },
    },
    {
      name: 'features-registered',
      severity: 'error',
      comment:
        'A feature (src/features/<name>/feature.ts) is listed in FEATURES (src/features/index.ts): one left out would neither recognise its intents nor answer them, silently.',
      from: { path: '^src/features/index\\.ts$' },
      to: { path: '^src/features/[^/]+/feature\\.ts$', reachable: false },
    },
    {
      name: 'channels-registered',
      severity: 'error',
      comment:
        'A channel (src/channels/<name>/) is listed in CHANNELS (src/channels/index.ts): a module of a channel folder the list does not reach is a channel that would never be mounted.',
      from: { path: '^src/channels/index\\.ts$' },
      // The Teams app package is built by `npm run teams:package`, not mounted.
      to: { path: '^src/channels/[^/]+/[^/]+\\.ts$', pathNot: '^src/channels/teams/appPackage\\.ts$', reachable: false },
    },
    {
      name: 'no-orphans-in-src',
      severity: 'error',
      comment: 'A module nothing imports is dead code (entry points and type declarations aside).',
      from: { orphan: true, pathNot: ['^src/(index\\.ts|cli/)', '\\.d\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
