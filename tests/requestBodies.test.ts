// Bodies are read only where a route takes one (issue 23, item 1): a multipart upload to the Direct Line
// upload route, a body on a GET and a gzipped body are refused before a byte is read, and nothing is
// written to the temp folder of the service (a process of its own, with a TMPDIR of its own).
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyKnowledge, tempDir } from './helpers/botServer.js';
import { startChildServer, type ChildServer } from './helpers/childServer.js';

let server: ChildServer;
let tmp: string;

/** What the service put in its temp folder, leaving out tsx's compile cache. */
const tempFiles = (): string[] => readdirSync(tmp, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('tsx-'));

beforeAll(async () => {
  tmp = tempDir('tmpdir');
  server = await startChildServer({
    dataDir: tempDir('bodies'),
    knowledgeDir: copyKnowledge(),
    env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp },
  });
}, 60_000);
afterAll(() => server.stop());

function multipart(megabytes: number): { body: Buffer; type: string } {
  const boundary = 'x-boundary-23';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.alloc(megabytes * 1024 * 1024, 7), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

it('refuses a multipart upload on a route that takes no body, and writes nothing to the temp folder', async () => {
  const before = tempFiles();
  for (let i = 0; i < 2; i++) {
    const { body, type } = multipart(4);
    const response = await fetch(`${server.url}/v3/directline/conversations/anything/upload`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(body),
    });
    expect(response.status).toBe(413);
  }
  expect(tempFiles()).toEqual(before);
});

/** A request fetch() will not send: a GET with a body. Resolves with the status. */
function getWithBody(path: string, body: Buffer, type: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { method: 'GET', headers: { 'content-type': type, 'content-length': body.length } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

it('refuses a body on a GET route and a JSON body of any other encoding or type', async () => {
  const { body, type } = multipart(1);
  expect(await getWithBody('/healthz', body, type)).toBe(413);
  expect(await getWithBody('/api/staff/session', body, type)).toBe(413);
  const zipped = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: new Uint8Array(gzipSync(Buffer.alloc(8 * 1024 * 1024, 32))),
  });
  expect(zipped.status).toBe(415);
  const form = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(body) });
  expect(form.status).toBe(415);
  expect(tempFiles()).toEqual([]);
});
