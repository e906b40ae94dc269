/**
 * Draws the Teams app icons (teams/color.png, teams/outline.png): a bridge ("puente") in white, on
 * the accent color (192×192) and on a transparent background (32×32), as Teams asks. Deterministic:
 * the same bytes on every run, so the committed icons can be checked against this drawing.
 * An organization may replace both files with its own; `npm run teams:package` checks their sizes.
 *
 *   npm run teams:icons
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { defaultTeamsFolder } from '../channels/teamsApp';

/** The accent color of the app (manifest `accentColor`) and the color icon's background. */
export const ACCENT_COLOR = '#1F5F73';

/** Is the point (u, v) of the unit glyph square inside the bridge? y grows downwards. */
function insideBridge(u: number, v: number): boolean {
  const deckTop = 0.6;
  const deckBottom = 0.7;
  // the deck, edge to edge
  if (v >= deckTop && v <= deckBottom && u >= 0.02 && u <= 0.98) return true;
  // two piers under the deck
  if (v > deckBottom && v <= 0.9 && ((u >= 0.16 && u <= 0.26) || (u >= 0.74 && u <= 0.84))) return true;
  // the arch: a band over the deck
  const r = Math.hypot(u - 0.5, v - deckTop);
  if (v < deckTop && r >= 0.36 && r <= 0.46) return true;
  // three hangers from the arch down to the deck
  if (v < deckTop && r < 0.36 && [0.3, 0.5, 0.7].some((x) => Math.abs(u - x) <= 0.03)) return true;
  return false;
}

/** Coverage of one pixel by the glyph, from 4×4 samples (smooth edges). */
function coverage(px: number, py: number, size: number, inset: number): number {
  const glyph = size - 2 * inset;
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = (px + (sx + 0.5) / 4 - inset) / glyph;
      const v = (py + (sy + 0.5) / 4 - inset) / glyph;
      if (u >= 0 && u <= 1 && v >= 0 && v <= 1 && insideBridge(u, v)) hits++;
    }
  }
  return hits / 16;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (color type 6) from `size`×`size` pixels. */
export function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function drawIcons(): { color: Buffer; outline: Buffer } {
  const accent = [1, 3, 5].map((i) => parseInt(ACCENT_COLOR.slice(i, i + 2), 16)) as [number, number, number];
  const color = encodePng(192, (x, y) => {
    // the glyph inside Teams' safe area (the middle 120 pixels), white over the accent color
    const a = coverage(x, y, 192, 36);
    const mix = (c: number) => Math.round(c + (255 - c) * a);
    return [mix(accent[0]), mix(accent[1]), mix(accent[2]), 255];
  });
  const outline = encodePng(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, 32, 2))]);
  return { color, outline };
}

if (require.main === module) {
  const { color, outline } = drawIcons();
  const folder = defaultTeamsFolder();
  writeFileSync(path.join(folder, 'color.png'), color);
  writeFileSync(path.join(folder, 'outline.png'), outline);
  console.log(`wrote ${path.join(folder, 'color.png')} and outline.png`);
}
