// A storage call the store could not carry out (a full or read-only disk, a Blob store that does not answer),
// told apart from every other way a turn can fail: nothing of the turn was kept, so the citizen is told that
// their message was not saved and the conversation keeps the state it had (a form its step, a handoff its
// place), instead of starting afresh as after a fault in the bot's own steps. An eTag conflict is not a
// failure of the store (the caller reads again) and keeps its own error.
import type { Storage } from 'botbuilder';

export class StorageFailure extends Error {
  override readonly name = 'StorageFailure';
  /** The system error code, when there is one (ENOSPC, EROFS, ETIMEDOUT…). */
  readonly code?: string;

  constructor(cause: unknown) {
    super(`Storage: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.code = (cause as NodeJS.ErrnoException)?.code;
  }
}

/** Whether `error`, or what it wraps (botbuilder-dialogs' DialogContextError keeps it in `error`), is a StorageFailure. */
export function isStorageFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof StorageFailure) return true;
    e = (e as { error?: unknown }).error ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

const isConflict = (error: unknown): boolean => /eTag conflict/u.test((error as Error)?.message ?? '');

/** The same store, its read, write and delete failures thrown as StorageFailure (eTag conflicts as they are). */
export function namingFailures<S extends Storage>(storage: S): S {
  const rethrow = (error: unknown): never => {
    throw isConflict(error) || error instanceof StorageFailure ? error : new StorageFailure(error);
  };
  const { read, write, delete: remove } = storage;
  return Object.assign(storage, {
    read: (keys: string[]) => read.call(storage, keys).catch(rethrow),
    write: (changes: Parameters<Storage['write']>[0]) => write.call(storage, changes).catch(rethrow),
    delete: (keys: string[]) => remove.call(storage, keys).catch(rethrow),
  });
}
