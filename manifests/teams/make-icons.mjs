// Draws the two Teams app icons without any image library: color.png (192×192, full colour) and
// outline.png (32×32, white on transparent), as Teams requires. Run: node manifests/teams/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a pixel by the glyph: two heads and shoulders (mentor and mentee), scaled to `size`. */
function glyph(x, y, size, stroke) {
  const u = x / size;
  const v = y / size;
  const ring = (cx, cy, r) => {
    const d = Math.hypot(u - cx, v - cy);
    return stroke ? Math.abs(d - r) <= stroke : d <= r;
  };
  const shoulders = (cx, cy, r) => {
    const d = Math.hypot(u - cx, v - cy);
    if (v > cy) return false;
    return stroke ? Math.abs(d - r) <= stroke : d <= r;
  };
  return ring(0.36, 0.36, 0.11) || shoulders(0.36, 0.78, 0.22) || ring(0.66, 0.44, 0.09) || shoulders(0.66, 0.8, 0.17);
}

const accent = [0x2b, 0x6c, 0xb0];
const color = png(192, (x, y) => (glyph(x, y, 192, 0) ? [255, 255, 255, 255] : [...accent, 255]));
const outline = png(32, (x, y) => (glyph(x, y, 32, 0.045) ? [255, 255, 255, 255] : [0, 0, 0, 0]));
writeFileSync(join(here, 'color.png'), color);
writeFileSync(join(here, 'outline.png'), outline);
console.log(`color.png ${color.length} bytes, outline.png ${outline.length} bytes`);
