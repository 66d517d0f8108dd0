// The Teams app icons, drawn in code so the package needs no binary files or downloads: a 192×192 colour icon
// (post-office blue with a yellow speech bubble holding a letter) and a 32×32 outline icon (white on
// transparent, as Teams requires). Shapes are sampled 4×4 per pixel for smooth edges, then PNG-encoded.
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
/** A layer: its colour and whether a point (in 0..1 icon coordinates) is inside it. */
type Layer = [Rgba, (x: number, y: number) => boolean];

const BLUE: Rgba = [0x00, 0x50, 0x9e, 255];
const YELLOW: Rgba = [0xf5, 0xa8, 0x00, 255];
const WHITE: Rgba = [255, 255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number) {
  return (x: number, y: number): boolean => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number) {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number): number => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x: number, y: number): boolean => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}

/** A line segment of the given half-width. */
function segment(ax: number, ay: number, bx: number, by: number, half: number) {
  return (x: number, y: number): boolean => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= half * half;
  };
}

const either = (...shapes: Array<(x: number, y: number) => boolean>) => (x: number, y: number) => shapes.some((s) => s(x, y));
const minus = (a: (x: number, y: number) => boolean, b: (x: number, y: number) => boolean) => (x: number, y: number) => a(x, y) && !b(x, y);

const bubble = either(roundedRect(0.14, 0.18, 0.86, 0.7, 0.12), triangle(0.28, 0.66, 0.46, 0.66, 0.24, 0.86));
const letter = roundedRect(0.3, 0.32, 0.7, 0.58, 0.02);
const flap = (half: number) => either(segment(0.3, 0.33, 0.5, 0.47, half), segment(0.5, 0.47, 0.7, 0.33, half));

const COLOR_LAYERS: Layer[] = [
  [BLUE, () => true],
  [YELLOW, bubble],
  [WHITE, letter],
  [BLUE, flap(0.018)],
];

const OUTLINE_LAYERS: Layer[] = [
  [WHITE, minus(bubble, either(roundedRect(0.22, 0.26, 0.78, 0.62, 0.06), triangle(0.34, 0.6, 0.42, 0.6, 0.33, 0.7)))],
  [WHITE, flap(0.03)],
];

function render(size: number, layers: Layer[]): Buffer {
  const SAMPLES = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          let hit: Layer | undefined;
          for (const layer of layers) if (layer[1](x, y)) hit = layer; // the topmost layer wins
          if (!hit) continue;
          // Premultiplied, so transparent samples do not darken the edge colour.
          const [r, g, b, a] = hit[0];
          sum[0] += (r * a) / 255;
          sum[1] += (g * a) / 255;
          sum[2] += (b * a) / 255;
          sum[3] += a;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = sum[3] / n;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c += 1) pixels[offset + c] = alpha ? Math.round(((sum[c] / n) * 255) / alpha) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y += 1) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The full-colour icon: 192×192 for Teams; smaller for the website's favicon. */
export function colorIcon(size = 192): Buffer {
  return render(size, COLOR_LAYERS);
}

export function outlineIcon(): Buffer {
  return render(32, OUTLINE_LAYERS);
}
