// Chooses the store from STORAGE: files in DATA_DIR (`lowdb`, the default, one instance) or Azure Blob Storage
// through botbuilder-azure-blobs (several instances share it; eTags make concurrent writes safe).
// Everything else sees only the botbuilder Storage interface; a call the store cannot carry out throws a
// StorageFailure (storageFailure.ts).
import path from 'node:path';
import type { Storage, StoreItem } from 'botbuilder';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ConversationExpiry } from './conversationExpiry.js';
import { FileStorage } from './fileStorage.js';
import { BLOB_RETRIES, withClientTimeouts } from './blobTimeouts.js';
import { namingFailures } from './storageFailure.js';

export interface AppStorage extends Storage {
  /** Resolves when every change so far is durable (a no-op for stores that write through). */
  flush?(): Promise<void>;
  /** What keeps the store from serving now (a disk refusing writes, a store not answering); empty when it serves. */
  problems(): Promise<string[]>;
}

export interface StorageOptions {
  /** A command reading the running bot's files (lowdb), which must never write or fold them. */
  readOnly?: boolean;
  /** lowdb: what each ticket is summed up as (its list row), kept with it and read at start (fileStorage.ts). */
  summary?: (item: StoreItem) => unknown;
}

/**
 * Tickets (`citizen/tickets/<ref>`, records.ts and ticketStore.ts): by the hundred thousand over the years, each
 * read one at a time, so kept apart from the state read at start (fileStorage.ts). Their index pages stay in it.
 */
export const TICKET_RECORD = /^citizen\/tickets\/[A-Z]{2}-[0-9A-Z]{4}$/u;
export const apartFromState = (key: string): boolean => TICKET_RECORD.test(key);

/** A key no one writes: reading it proves the account is reachable and the credentials work. */
const PROBE_KEY = 'hotline/startup-probe';

export async function createStorage(config: Config, log: Logger, { readOnly = false, summary }: StorageOptions = {}): Promise<AppStorage> {
  const { storage } = config;
  if (storage.kind === 'lowdb') {
    // Conversation memory is kept no longer than RETENTION_DAYS, whatever STATE_TTL_MINUTES says.
    const retentionMs = config.citizen.retentionDays * 86_400_000;
    const ttlMs = storage.conversationTtlMinutes > 0 ? Math.min(storage.conversationTtlMinutes * 60_000, retentionMs) : retentionMs;
    const files = new FileStorage(path.join(config.dataDir, 'state.json'), {
      log,
      readOnly,
      apart: apartFromState,
      summary,
      expiry: ttlMs > 0 && !readOnly ? new ConversationExpiry(ttlMs) : undefined,
    });
    await files.open();
    return namingFailures(files);
  }
  // Loaded only for Blob: the Azure SDK adds a tenth of a second to every lowdb start.
  const { BlobsStorage } = await import('botbuilder-azure-blobs');
  let blobs: InstanceType<typeof BlobsStorage>;
  try {
    // A turn waits on state: a slow or unreachable account must fail the turn in seconds, not minutes.
    blobs = withClientTimeouts(
      new BlobsStorage(storage.azureConnectionString, storage.azureContainer, {
        storagePipelineOptions: { retryOptions: BLOB_RETRIES },
      }),
    );
    // Creates the container on first use; fails fast on a wrong key or an unreachable account.
    await blobs.read([PROBE_KEY]);
  } catch (error) {
    throw new ConfigError(
      'AZURE_STORAGE_CONNECTION_STRING',
      `cannot use container "${storage.azureContainer}": ${(error as Error).message.split('\n')[0]}`,
    );
  }
  log.info({ container: storage.azureContainer }, 'state in Azure Blob Storage');
  return Object.assign(namingFailures(blobs), {
    // The store answers a read within its time budget (blobTimeouts.ts).
    problems: () =>
      blobs.read([PROBE_KEY]).then(
        () => [],
        (error: unknown) => [
          `Azure Blob container "${storage.azureContainer}" does not answer: ${(error as Error).message.split('\n')[0]}`,
        ],
      ),
  });
}
