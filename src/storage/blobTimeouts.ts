// Client-side timeouts for Azure Blob requests. `@azure/storage-blob`'s `tryTimeoutInMs` is a *server-side*
// timeout (sent as `?timeout=`): a frozen store or a black-holed connection held every turn for the whole
// freeze. Here each try gets its own AbortSignal (a try that has not answered within TRY_MS is aborted and
// turned into a retryable `ETIMEDOUT`), and the SDK's retry policy makes at most MAX_TRIES tries, so one
// storage call fails within TOTAL_BUDGET_MS and the turn answers with the honest "not saved" reply; the next
// call tries again, so a store that comes back is used again without a restart.
import type { BlobsStorage } from 'botbuilder-azure-blobs';

/** One try of one request (headers and body). */
export const TRY_MS = 4_000;
export const MAX_TRIES = 2;
const RETRY_DELAY_MS = 200;
/** The longest one storage call can take: every try timing out, and the pauses between them. */
export const TOTAL_BUDGET_MS = MAX_TRIES * TRY_MS + (MAX_TRIES - 1) * RETRY_DELAY_MS;

/** The SDK's retry options: tries and pauses within TOTAL_BUDGET_MS. */
export const BLOB_RETRIES = { maxTries: MAX_TRIES, retryDelayInMs: RETRY_DELAY_MS, maxRetryDelayInMs: RETRY_DELAY_MS };

/** The parts of @azure/core-rest-pipeline used here (a dependency of the Blob SDK, not of this service). */
interface PipelineRequest {
  abortSignal?: AbortSignal;
}
interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<unknown>): Promise<unknown>;
}
interface CorePipeline {
  addPolicy(policy: PipelinePolicy, options?: { afterPhase?: string }): void;
}

/** Aborts each try after TRY_MS; the SDK retries an error named RestError whose code is ETIMEDOUT. */
const perTryTimeout: PipelinePolicy = {
  name: 'hotlineClientTimeout',
  async sendRequest(request, next) {
    const original = request.abortSignal;
    const timeout = AbortSignal.timeout(TRY_MS);
    request.abortSignal = original ? AbortSignal.any([original, timeout]) : timeout;
    try {
      return await next(request);
    } catch (error) {
      if (!timeout.aborted || original?.aborted) throw error;
      throw Object.assign(new Error(`Blob request: no answer within ${TRY_MS} ms (client-side timeout, ETIMEDOUT)`), {
        name: 'RestError',
        code: 'ETIMEDOUT',
      });
    } finally {
      // The retry policy sends the same request again: each try its own signal. (A body still being read
      // keeps this try's signal: the HTTP client took it when the request was sent.)
      request.abortSignal = original;
    }
  },
};

/**
 * Adds the per-try timeout to the storage's request pipeline. BlobsStorage hides its ContainerClient and
 * the SDK builds the pipeline inside the client, so this reaches into both (checked by tests/blobTimeouts.test.ts
 * against a frozen Azurite); it throws if a new version of either moved them, rather than run without timeouts.
 */
export function withClientTimeouts(blobs: BlobsStorage): BlobsStorage {
  const pipeline = (blobs as unknown as { _containerClient?: { pipeline?: { _corePipeline?: CorePipeline } } })._containerClient?.pipeline
    ?._corePipeline;
  if (typeof pipeline?.addPolicy !== 'function') throw new Error('Blob storage: cannot add client-side timeouts to this SDK version');
  pipeline.addPolicy(perTryTimeout, { afterPhase: 'Retry' });
  return blobs;
}
