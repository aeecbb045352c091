/**
 * Makes the app's install icons (public/icons) from one SVG drawing. Run by hand when the
 * drawing changes: `node apps/web/scripts/make-icons.mjs`. Uses sharp, which the API already
 * depends on; the PNGs are committed so that building needs neither sharp nor a network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../api/package.json', import.meta.url)));
const sharp = require('sharp');
const out = fileURLToPath(new URL('../public/icons/', import.meta.url));
mkdirSync(out, { recursive: true });

// A white map pin over a ditch line, on the brand green. `inset` shrinks the drawing into the
// safe zone of a maskable icon (the middle 80%).
const drawing = (inset, rounded) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${rounded ? 96 : 0}" fill="#0b5d4b"/>
  <g transform="translate(256 256) scale(${inset}) translate(-256 -256)">
    <path d="M56 392 C 150 350, 220 430, 300 392 S 430 350, 456 372" fill="none" stroke="#8fd3c0" stroke-width="26" stroke-linecap="round"/>
    <path d="M256 72c-70 0-124 54-124 122 0 92 124 214 124 214s124-122 124-214c0-68-54-122-124-122z" fill="#ffffff"/>
    <circle cx="256" cy="192" r="46" fill="#0b5d4b"/>
  </g>
</svg>`;

writeFileSync(`${out}icon.svg`, drawing(1, true));
const render = (svg, size, file) => sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9 }).toFile(`${out}${file}`);
await render(drawing(1, true), 192, 'icon-192.png');
await render(drawing(1, true), 512, 'icon-512.png');
await render(drawing(0.72, false), 512, 'icon-maskable-512.png');
await render(drawing(0.9, false), 180, 'apple-touch-icon.png');
console.log('icons written to', out);
