// The widget's static files: the demo page (GET /), the embeddable script and its style, Web Chat's own
// bundle from node_modules (no CDN), and /favicon.ico (the app icon, so browsers get no 404). Files are read
// once, with a gzip copy for browsers that accept it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'restify';
import type { Server } from 'restify';
import { colorIcon } from '../teams/appIcons.js';

export interface StaticFile {
  type: string;
  body: Buffer;
  gzip?: Buffer;
  etag: string;
  maxAgeSeconds: number;
}

/** The project folder: the nearest one up from this module that has package.json (works from src/ and dist/src/). */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  while (true) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error('widget: no package.json above ' + import.meta.dirname);
      dir = parent;
    }
  }
}

function webChatBundle(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return path.join(path.dirname(main), '..', 'dist', 'webchat.js');
}

/** An .ico file holding one PNG image (every current browser reads PNG inside ICO). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.set([size, size, 0, 0], 6); // width, height, no palette, reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the header
  return Buffer.concat([header, png]);
}

export function load(file: string | (() => Buffer), type: string, maxAgeSeconds: number): () => StaticFile {
  let cached: StaticFile | undefined;
  return () => {
    if (!cached) {
      const body = typeof file === 'string' ? readFileSync(file) : file();
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
      cached = { type, body, gzip: body.length > 1024 ? gzipSync(body) : undefined, etag, maxAgeSeconds };
    }
    return cached;
  };
}

export function serve(file: () => StaticFile) {
  return async (req: Request, res: Response): Promise<void> => {
    const { type, body, gzip, etag, maxAgeSeconds } = file();
    res.header('Content-Type', type);
    res.header('ETag', etag);
    res.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.header('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === etag) {
      res.send(304);
      return;
    }
    const zipped = gzip && /\bgzip\b/u.test(String(req.headers['accept-encoding'] ?? ''));
    if (zipped) res.header('Content-Encoding', 'gzip');
    res.sendRaw(200, zipped ? gzip : body);
  };
}

export function registerWidgetFiles(server: Server): void {
  const publicDir = path.join(projectRoot(), 'public');
  const files: Record<string, () => StaticFile> = {
    '/': load(path.join(publicDir, 'index.html'), 'text/html; charset=utf-8', 300),
    '/widget.js': load(path.join(publicDir, 'widget.js'), 'text/javascript; charset=utf-8', 300),
    '/widget.css': load(path.join(publicDir, 'widget.css'), 'text/css; charset=utf-8', 300),
    '/webchat.js': load(webChatBundle(), 'text/javascript; charset=utf-8', 86_400),
    '/favicon.ico': load(() => icoOf(colorIcon(32), 32), 'image/x-icon', 86_400),
  };
  for (const [route, file] of Object.entries(files)) server.get(route, serve(file));
}
