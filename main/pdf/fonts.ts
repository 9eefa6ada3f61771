import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The fonts every PDF embeds. pdfkit's standard Helvetica is not embedded (PDF/UA requires embedded fonts) and covers
 * Windows-1252 only, so "Łódź", "Şahin" or "€" in a Nominating Officer's or a partner's name came out wrong.
 *
 * Liberation Sans (SIL OFL, the copy pdfjs-dist ships) has Helvetica's metrics, so every table width tuned for
 * Helvetica still fits; it covers Latin, Greek and Cyrillic but not Vietnamese. DejaVu Sans (Bitstream Vera licence,
 * Debian's fonts-dejavu-core) covers Vietnamese and much more, and is used for a text that Liberation Sans cannot show
 * whole. pdfkit embeds a subset of each font used (fontkit), so a PDF carries only the glyphs it shows.
 *
 * The files live next to this module (main/pdf/fonts/, licences included); the main build copies them to
 * out/main/fonts/ (electron.vite.config.ts), which electron-builder packs with out/**. Under vitest and tsx this
 * module runs from main/pdf/, in the app from out/main/ or out/main/chunks/: both places are tried.
 */

export type FontWeight = 'regular' | 'bold';

export interface FontFace {
  file: string;
}

export const FONT_FILES = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

const FACES: Readonly<Record<'primary' | 'fallback', Readonly<Record<FontWeight, FontFace>>>> = {
  primary: {
    regular: { file: 'LiberationSans-Regular.ttf' },
    bold: { file: 'LiberationSans-Bold.ttf' },
  },
  fallback: {
    regular: { file: 'DejaVuSans.ttf' },
    bold: { file: 'DejaVuSans-Bold.ttf' },
  },
};

let dirFound: string | null = null;
function fontsDir(): string {
  if (dirFound) return dirFound;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'fonts'), join(here, '..', 'fonts')];
  const found = candidates.find((dir) => existsSync(join(dir, FONT_FILES[0])));
  if (!found) throw new Error('The PDF fonts are missing from the app.');
  dirFound = found;
  return found;
}

const cache = new Map<string, Buffer>();

/** A font file's bytes, read once per process, for the coverage check. */
function fontBytes(file: string): Buffer {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = readFileSync(join(fontsDir(), file));
    cache.set(file, bytes);
  }
  return bytes;
}

/** Only the cmap lookup is needed from fontkit (pdfkit's own font engine, so no new dependency). */
interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
let coverage: CoverageFont[] | null = null;

function primaryCoverage(): CoverageFont[] {
  if (!coverage) {
    const fontkit = createRequire(import.meta.url)('fontkit') as { create(bytes: Buffer): CoverageFont };
    coverage = [fontkit.create(fontBytes(FACES.primary.regular.file)), fontkit.create(fontBytes(FACES.primary.bold.file))];
  }
  return coverage;
}

// Spaces, line breaks and other controls are laid out by pdfkit, not drawn from the font.
const isLayout = (cp: number) => cp < 0x20 || cp === 0x20 || cp === 0xa0 || (cp >= 0x2000 && cp <= 0x200f) || cp === 0x2028 || cp === 0x2029;

/** The face that can draw every character of `text`: Liberation Sans when it can, DejaVu Sans otherwise. */
export function faceFor(text: string, weight: FontWeight): FontFace {
  const fonts = primaryCoverage();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isLayout(cp)) continue;
    if (!fonts.every((f) => f.hasGlyphForCodePoint(cp))) return FACES.fallback[weight];
  }
  return FACES.primary[weight];
}

/*
 * pdfkit is given each font by its path, never by a registered name or as bytes. It caches an opened font under the
 * string it was asked for; a registered name for a font it already holds under another key, or bytes, are never
 * cached, and its tables put the previous font back after every cell, so either would parse the font again for
 * every cell (ten times slower).
 */

/** The file to give pdfkit's `font()` for a face. */
export const fontPath = (face: FontFace): string => join(fontsDir(), face.file);

/** The regular primary face, for pdfkit's default font (so it never loads its standard Helvetica). */
export const defaultFontPath = (): string => fontPath(FACES.primary.regular);
