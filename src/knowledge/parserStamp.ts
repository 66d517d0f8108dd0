// Which code parsed a saved version: a hash of the modules whose output a saved part is (the article parser,
// the figures, the JSON readers, the text normalisation) and of the number recogniser's version. The running
// bot reuses the parts of DATA_DIR/kb.json at start only when they were parsed by this same code, so a
// deployment that parses differently parses every file again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const MODULES = ['./articleParser', './figures', './entryFiles', './sourceFiles', '../text/vietnamese'];

/** The module's source as this process loaded it: .js when built, .ts under tsx and vitest. */
function source(module: string): string {
  for (const extension of ['.js', '.ts']) {
    const file = fileURLToPath(new URL(`${module}${extension}`, import.meta.url));
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`parser stamp: cannot find ${module}`);
}

function recognizerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@microsoft/recognizers-text-suite/package.json') as { version: string }).version;
}

export const PARSER_STAMP = createHash('sha256')
  .update([...MODULES.map(source), recognizerVersion()].join('\0'))
  .digest('hex')
  .slice(0, 16);
