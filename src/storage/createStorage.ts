// Chooses the store from STORAGE: files in DATA_DIR (`lowdb`, the default, one instance) or Azure Blob Storage
// through botbuilder-azure-blobs (several instances share it; eTags make concurrent writes safe).
// Everything else sees only the botbuilder Storage interface.
import path from 'node:path';
import type { Storage } from 'botbuilder';
import { ConfigError, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ConversationExpiry } from './conversationExpiry.js';
import { FileStorage } from './fileStorage.js';

export interface AppStorage extends Storage {
  /** Resolves when every change so far is durable (a no-op for stores that write through). */
  flush?(): Promise<void>;
}

/** A key no one writes: reading it proves the account is reachable and the credentials work. */
const PROBE_KEY = 'hotline/startup-probe';
/** A turn waits on state: a slow or unreachable account must fail the turn in seconds, not minutes. */
const BLOB_RETRIES = { maxTries: 3, tryTimeoutInMs: 5_000, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 };

export async function createStorage(config: Config, log: Logger): Promise<AppStorage> {
  const { storage } = config;
  if (storage.kind === 'lowdb') {
    // Conversation memory is kept no longer than RETENTION_DAYS, whatever STATE_TTL_MINUTES says.
    const retentionMs = config.citizen.retentionDays * 86_400_000;
    const ttlMs = storage.conversationTtlMinutes > 0 ? Math.min(storage.conversationTtlMinutes * 60_000, retentionMs) : retentionMs;
    const files = new FileStorage(path.join(config.dataDir, 'state.json'), {
      log,
      expiry: new ConversationExpiry(ttlMs),
    });
    await files.open();
    return files;
  }
  // Loaded only for Blob: the Azure SDK adds a tenth of a second to every lowdb start.
  const { BlobsStorage } = await import('botbuilder-azure-blobs');
  let blobs: InstanceType<typeof BlobsStorage>;
  try {
    blobs = new BlobsStorage(storage.azureConnectionString, storage.azureContainer, {
      storagePipelineOptions: { retryOptions: BLOB_RETRIES },
    });
    // Creates the container on first use; fails fast on a wrong key or an unreachable account.
    await blobs.read([PROBE_KEY]);
  } catch (error) {
    throw new ConfigError(
      'AZURE_STORAGE_CONNECTION_STRING',
      `cannot use container "${storage.azureContainer}": ${(error as Error).message.split('\n')[0]}`,
    );
  }
  log.info({ container: storage.azureContainer }, 'state in Azure Blob Storage');
  return blobs;
}
