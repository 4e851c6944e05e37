// Minimal PNG reading and writing for the Library listing kit: Clever wants
// PNGs without an alpha channel, and browsers save screenshots as RGBA, so the
// kit re-encodes them as colour type 2 (RGB). Only 8-bit, non-interlaced images
// are handled, which is what Chromium writes.
import { crc32, deflateSync, inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

export interface RgbImage {
  width: number;
  height: number;
  /** width * height * 3 bytes, row by row */
  rgb: Buffer;
}

/** Reads the IHDR chunk; throws when the bytes are not a PNG. */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE) || png.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("not a PNG file");
  }
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colourType: png.readUInt8(25),
    interlace: png.readUInt8(28),
  };
}

/** True when the colour type carries an alpha channel (4 grey+alpha, 6 RGBA) or a tRNS chunk adds transparency. */
export function hasAlpha(png: Buffer): boolean {
  const { colourType } = readPngHeader(png);
  return colourType === 4 || colourType === 6 || chunks(png).some((c) => c.type === "tRNS");
}

function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === "IEND") break;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit non-interlaced RGB or RGBA PNG, dropping alpha (flattened on white). */
export function decodeToRgb(png: Buffer): RgbImage {
  const header = readPngHeader(png);
  const channels = header.colourType === 6 ? 4 : header.colourType === 2 ? 3 : 0;
  if (header.bitDepth !== 8 || header.interlace !== 0 || channels === 0) {
    throw new Error(`unsupported PNG (bit depth ${header.bitDepth}, colour type ${header.colourType}, interlace ${header.interlace})`);
  }
  const data = inflateSync(Buffer.concat(chunks(png).filter((c) => c.type === "IDAT").map((c) => c.data)));
  const { width, height } = header;
  const stride = width * channels;
  const raw = Buffer.alloc(stride * height);
  // Buffer reads, not indexing: bounds-checked and typed as numbers.
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    const filter = data.readUInt8(row);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? raw.readUInt8(y * stride + x - channels) : 0;
      const b = y > 0 ? raw.readUInt8((y - 1) * stride + x) : 0;
      const c = x >= channels && y > 0 ? raw.readUInt8((y - 1) * stride + x - channels) : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (predicted < 0) throw new Error(`bad PNG filter ${filter}`);
      raw.writeUInt8((data.readUInt8(row + 1 + x) + predicted) & 0xff, y * stride + x);
    }
  }
  if (channels === 3) return { width, height, rgb: raw };
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const alpha = raw.readUInt8(i * 4 + 3);
    for (let k = 0; k < 3; k++) {
      rgb.writeUInt8(Math.round((raw.readUInt8(i * 4 + k) * alpha + 255 * (255 - alpha)) / 255), i * 3 + k);
    }
  }
  return { width, height, rgb };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG of 8-bit pixels, rows unfiltered: colour type 2 (RGB, 3 channels) or 6 (RGBA, 4). */
function encodePng(width: number, height: number, colourType: 2 | 6, pixels: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colourType, 0, 0, 0], 8);
  const stride = width * (colourType === 2 ? 3 : 4);
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** Encodes RGB pixels as PNG colour type 2 (no alpha channel). */
export function encodeRgbPng(image: RgbImage): Buffer {
  return encodePng(image.width, image.height, 2, image.rgb);
}

/** Re-encodes any supported PNG without its alpha channel. */
export function withoutAlpha(png: Buffer): Buffer {
  return encodeRgbPng(decodeToRgb(png));
}

/** Writes an RGBA PNG (colour type 6); used to build test fixtures with transparency. */
export function encodeRgbaPng(width: number, height: number, rgba: Buffer): Buffer {
  return encodePng(width, height, 6, rgba);
}

