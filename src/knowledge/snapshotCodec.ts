// kb.snapshot's bytes: v8 serialisation, with the large typed arrays (the search index's postings, the sentence
// readings: most of the file) written after the serialised value and read straight into arrays of their own. Read
// whole and deserialised at once, a 96 MB snapshot at 5,000 articles stayed in memory as one buffer until a full
// garbage collection, which an idle service does not run: about 100 MB more RSS than the version it holds.
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import v8 from 'node:v8';

/** Typed arrays at least this long are kept apart from the serialised value. */
const APART_BYTES = 64 * 1024;
const INLINE = 0;
const APART = 1;

type TypedArrayKind = new (buffer: ArrayBuffer) => NodeJS.TypedArray;
const KINDS: TypedArrayKind[] = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array];

// Node's own ways for typed arrays (not in its type definitions).
const defaultWrite = (v8.DefaultSerializer.prototype as unknown as { _writeHostObject(this: v8.Serializer, view: NodeJS.TypedArray): void })._writeHostObject;
const defaultRead = (v8.DefaultDeserializer.prototype as unknown as { _readHostObject(this: v8.Deserializer): unknown })._readHostObject;

class ApartSerializer extends v8.DefaultSerializer {
  readonly apart: NodeJS.TypedArray[] = [];

  _writeHostObject(view: NodeJS.TypedArray): void {
    const kind = KINDS.findIndex((k) => view.constructor === k);
    if (view.byteLength < APART_BYTES || kind < 0) {
      this.writeUint32(INLINE);
      defaultWrite.call(this, view);
      return;
    }
    this.writeUint32(APART);
    this.writeUint32(kind);
    this.writeDouble(view.byteLength);
    this.apart.push(view);
  }
}

class ApartDeserializer extends v8.DefaultDeserializer {
  readonly apart: NodeJS.TypedArray[] = [];

  _readHostObject(): unknown {
    if (this.readUint32() === INLINE) {
      const view = defaultRead.call(this);
      // A copy: as a view (v8's default) it would keep the whole value's bytes in memory.
      return ArrayBuffer.isView(view) && !(view instanceof DataView) ? (view as Uint8Array).slice() : view;
    }
    const Kind = KINDS[this.readUint32()];
    if (!Kind) throw new Error('unknown typed array');
    const array = new Kind(new ArrayBuffer(this.readDouble()));
    this.apart.push(array);
    return array;
  }
}

/** The file is shorter or longer than what it says it holds. */
export class SnapshotLayoutError extends Error {}

/** The bytes of `value`: the serialised value, then the arrays kept apart, in the order they are met. */
export function encodeSnapshot(value: unknown): { payload: Buffer; apart: Uint8Array[] } {
  const serializer = new ApartSerializer();
  serializer.writeHeader();
  serializer.writeValue(value);
  const payload = serializer.releaseBuffer();
  return { payload, apart: serializer.apart.map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) };
}

/** Hashes what encodeSnapshot gave, in file order. */
export function hashSnapshot(encoded: { payload: Buffer; apart: Uint8Array[] }): string {
  const hash = createHash('sha256').update(encoded.payload);
  for (const bytes of encoded.apart) hash.update(bytes);
  return hash.digest('hex');
}

/**
 * The value written at `position` of the file (the payload's length known from the header), each array kept apart
 * read into its own memory; `hash` sees every byte read, in file order, for the caller to check.
 */
export async function decodeSnapshot(handle: FileHandle, position: number, payloadLength: number, hash: Hash): Promise<unknown> {
  const payload = Buffer.allocUnsafe(payloadLength);
  await readFully(handle, payload, position);
  hash.update(payload);
  const deserializer = new ApartDeserializer(payload);
  deserializer.readHeader();
  const value = deserializer.readValue();
  let at = position + payloadLength;
  for (const array of deserializer.apart) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    await readFully(handle, bytes, at);
    hash.update(bytes);
    at += bytes.length;
  }
  if ((await handle.stat()).size !== at) throw new SnapshotLayoutError('its length is not what it holds');
  return value;
}

async function readFully(handle: FileHandle, into: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < into.length; ) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new SnapshotLayoutError('cut short');
    done += bytesRead;
  }
}
