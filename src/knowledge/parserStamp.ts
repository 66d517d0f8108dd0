// Which code parsed a saved version: a hash of the modules whose output a saved part is (the article parser,
// the figures, the JSON readers, the text normalisation) and of the number recogniser's version. The running
// bot reuses the parts of DATA_DIR/kb.json at start only when they were parsed by this same code, so a
// deployment that parses differently parses every file again. codeStamp makes such a stamp for other code too
// (the answer engine's, for what it saves with a version: src/answer/engineStamp.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A module's source as this process loaded it: .js when built, .ts under tsx and vitest. */
function source(module: string, from: string): string {
  for (const extension of ['.js', '.ts']) {
    const file = fileURLToPath(new URL(`${module}${extension}`, from));
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error(`code stamp: cannot find ${module}`);
}

/** A short hash of the modules (paths relative to `from`, an import.meta.url, without extension) and of `extra`. */
export function codeStamp(from: string, modules: string[], extra: string[] = []): string {
  return createHash('sha256')
    .update([...modules.map((module) => source(module, from)), ...extra].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

function recognizerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@microsoft/recognizers-text-suite/package.json') as { version: string }).version;
}

export const PARSER_STAMP = codeStamp(
  import.meta.url,
  ['./articleParser', './figures', './entryFiles', './sourceFiles', '../text/vietnamese'],
  [recognizerVersion()],
);
