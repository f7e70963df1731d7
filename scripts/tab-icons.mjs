// Draws the four tab-bar icons (首页 / 我的诉求 / 票决 / 我的) as tiny palette PNGs: one colour, 16 levels of
// alpha, 4-bit. WeChat wants local PNGs in the main package (≤ 40 KB each); these are a few hundred bytes.
// Run: node scripts/tab-icons.mjs  (writes src/assets/tab/*.png; the files are committed).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';

const SIZE = 54; // px; WeChat scales tab icons to 27 pt, so 2× is sharp and small
const SS = 4; // supersampling per axis
const STROKE = 3.4; // line width in px at SIZE
const COLORS = { off: [0x57, 0x60, 0x6a], on: [0xb3, 0x26, 0x1e] };

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

// Shapes in a 0..24 design grid (like an icon font), scaled to SIZE.
const seg = (ax, ay, bx, by) => ({ kind: 'seg', ax, ay, bx, by });
const ring = (cx, cy, r) => ({ kind: 'ring', cx, cy, r });
const disc = (cx, cy, r) => ({ kind: 'disc', cx, cy, r });
const arc = (cx, cy, r, from, to) => ({ kind: 'arc', cx, cy, r, from, to });
const box = (x, y, w, h) => [seg(x, y, x + w, y), seg(x + w, y, x + w, y + h), seg(x + w, y + h, x, y + h), seg(x, y + h, x, y)];

const ICONS = {
  home: [seg(3, 11, 12, 3.5), seg(12, 3.5, 21, 11), ...box(5.5, 10, 13, 10.5).slice(1), seg(10, 20.5, 10, 15), seg(10, 15, 14, 15), seg(14, 15, 14, 20.5)],
  appeals: [...box(5, 3, 14, 18), seg(8.5, 8, 15.5, 8), seg(8.5, 12, 15.5, 12), seg(8.5, 16, 12.5, 16)],
  ballots: [...box(3.5, 12, 17, 8.5), seg(8, 12, 8, 5), seg(8, 5, 16, 5), seg(16, 5, 16, 12), seg(9.8, 8.6, 11.4, 10.2), seg(11.4, 10.2, 14.4, 6.8), seg(7, 16, 17, 16)],
  me: [ring(12, 8, 4.2), arc(12, 21.5, 8, Math.PI * 1.08, Math.PI * 1.92)],
};

function distSeg(px, py, s) {
  const dx = s.bx - s.ax, dy = s.by - s.ay;
  const t = Math.max(0, Math.min(1, ((px - s.ax) * dx + (py - s.ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (s.ax + t * dx), py - (s.ay + t * dy));
}

function inside(shapes, x, y, half) {
  for (const s of shapes) {
    if (s.kind === 'seg' && distSeg(x, y, s) <= half) return true;
    if (s.kind === 'ring' && Math.abs(Math.hypot(x - s.cx, y - s.cy) - s.r) <= half) return true;
    if (s.kind === 'disc' && Math.hypot(x - s.cx, y - s.cy) <= s.r) return true;
    if (s.kind === 'arc') {
      let a = Math.atan2(y - s.cy, x - s.cx);
      if (a < 0) a += Math.PI * 2;
      if (a >= s.from && a <= s.to && Math.abs(Math.hypot(x - s.cx, y - s.cy) - s.r) <= half) return true;
      for (const end of [s.from, s.to]) if (Math.hypot(x - (s.cx + s.r * Math.cos(end)), y - (s.cy + s.r * Math.sin(end))) <= half) return true;
    }
  }
  return false;
}

function png(shapes, [r, g, b]) {
  const scale = 24 / SIZE;
  const half = (STROKE * scale) / 2;
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE / 2);
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) if (inside(shapes, (px + (sx + 0.5) / SS) * scale, (py + (sy + 0.5) / SS) * scale, half)) hits++;
      const level = Math.round((hits / (SS * SS)) * 15);
      row[1 + (px >> 1)] |= px % 2 === 0 ? level << 4 : level;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 4; // bit depth
  ihdr[9] = 3; // palette
  const plte = Buffer.alloc(16 * 3);
  const trns = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) {
    plte[i * 3] = r;
    plte[i * 3 + 1] = g;
    plte[i * 3 + 2] = b;
    trns[i] = Math.round((i / 15) * 255);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('PLTE', plte), chunk('tRNS', trns), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = join(import.meta.dirname, '..', 'src', 'assets', 'tab');
let total = 0;
for (const [name, shapes] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = join(out, `${name}${state === 'on' ? '-on' : ''}.png`);
    const data = png(shapes, color);
    writeFileSync(file, data);
    total += data.length;
  }
}
console.log(`tab icons: ${Object.keys(ICONS).length * 2} files, ${total} bytes`);
