// A problem in a knowledge source file, reported to staff as "file:line: message".
export interface Problem {
  /** Path relative to the knowledge folder. */
  file: string;
  line: number;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Thrown when a knowledge build finds problems; carries all of them so staff can fix every one at once. */
export class KnowledgeError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'KnowledgeError';
  }
}
