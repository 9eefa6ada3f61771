import { parse, type Options } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

// RFC 4180 CSV, reading and writing, for every file that coordinators move between this app and Excel (the
// directory today, reports next).
// The reader is strict about structure (a malformed file is refused with a line number rather than half read) and
// about encoding (only UTF-8: a mis-decoded "ö" in a name would silently create a second partner).

export const CSV_MAX_BYTES = 20 * 1024 * 1024;

export interface CsvRecord {
  /** 1-based physical line on which the record starts, as a text editor would number it. */
  line: number;
  cells: string[];
}

export interface CsvError {
  line?: number;
  message: string;
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; error: CsvError };

const SAVE_AS_UTF8 = 'In Excel, use Save As and choose "CSV UTF-8 (Comma delimited)", then import that file.';

function describeSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function lineOfOffset(text: string, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line += 1;
  }
  return line;
}

/** Decodes the bytes as UTF-8 text, or explains in plain words why the file is not UTF-8 text. */
export function decodeCsvBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: CsvError } {
  if (bytes.length > CSV_MAX_BYTES) {
    return {
      ok: false,
      error: {
        message: `The file is ${describeSize(bytes.length)}; the largest file that can be imported is ${describeSize(CSV_MAX_BYTES)}.`,
      },
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      error: {
        message: `The file is UTF-16 text (Excel's "Unicode Text"), not UTF-8. ${SAVE_AS_UTF8}`,
      },
    };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      error: {
        message: `The file is an Excel workbook or another zip file, not a CSV file. ${SAVE_AS_UTF8}`,
      },
    };
  }
  let text: string;
  try {
    // ignoreBOM: keep the BOM in the text so that we strip exactly one, whatever the decoder's default.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Locate the first bad byte for the coordinator. A genuine U+FFFD earlier in the file would make this point
    // earlier than the real fault, hence "near".
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const where = at >= 0 ? ` (near line ${lineOfOffset(lenient, at)})` : '';
    return {
      ok: false,
      error: {
        message: `The file is not UTF-8 text${where}. It may have been saved as Windows-1252 or Latin-1. ${SAVE_AS_UTF8}`,
      },
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ok: false,
      error: {
        line: lineOfOffset(text, nul),
        message: `The file contains NUL characters, so it is not CSV text (it may be UTF-16 without a marker). ${SAVE_AS_UTF8}`,
      },
    };
  }
  return { ok: true, text };
}

/** Line ends in bytes[from, to): CRLF, LF and a lone CR each count once. */
function lineEndsIn(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k += 1) {
    const c = bytes[k];
    if (c === LF || (c === CR && bytes[k + 1] !== LF)) count += 1;
  }
  return count;
}

const CR = 13;
const LF = 10;

function countLineEnds(chunk: string): number {
  let count = 0;
  for (let k = 0; k < chunk.length; k += 1) {
    const c = chunk.charCodeAt(k);
    if (c === LF || (c === CR && chunk.charCodeAt(k + 1) !== LF)) count += 1;
  }
  return count;
}

/** csv-parse's error codes, in words a coordinator can act on. */
function structureError(code: string, line: number): CsvError {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line, message: `Line ${line}: a value starts with a quote mark (") that is never closed.` };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return {
        line,
        message: `Line ${line}: there is text after the closing quote mark of a value. Put the whole value in quotes, and write any quote mark inside it as two ("").`,
      };
    case 'INVALID_OPENING_QUOTE':
      return {
        line,
        message: `Line ${line}: a quote mark (") appears inside a value that is not in quotes. Put the whole value in quotes, and write the quote mark as two ("").`,
      };
    default:
      return { line, message: `Line ${line}: this line is not valid CSV. Save the file again from the spreadsheet as "CSV UTF-8" and import it again.` };
  }
}

/**
 * Parses decoded CSV text with csv-parse (RFC 4180, maintained, streaming-capable). Accepts CRLF, LF and (old Mac
 * Excel) lone CR line ends, and newlines inside quotes. This layer adds what the coordinator needs on top: the line
 * each record starts on, as a text editor numbers it, and refusals in plain words with that line.
 */
export function parseCsvText(text: string): CsvParseResult {
  const bytes = Buffer.from(text, 'utf8');
  const records: CsvRecord[] = [];
  // csv-parse counts a CRLF inside quotes as two lines, so lines are counted here from its byte offsets.
  let consumed = 0;
  let line = 1;
  try {
    parse(bytes, {
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      bom: false,
      raw: true,
      // With `raw`, csv-parse hands each record over as { record, raw }; its types describe the plain form.
      on_record: (record: unknown, context: { bytes: number }) => {
        records.push({ line, cells: (record as { record: string[] }).record });
        line += lineEndsIn(bytes, consumed, context.bytes);
        consumed = context.bytes;
        return null;
      },
    } as Options);
  } catch (err) {
    const e = err as { code?: unknown; raw?: unknown };
    if (typeof e.code !== 'string') throw err;
    const raw = typeof e.raw === 'string' ? e.raw : '';
    // Where in the record it went wrong: the opening quote for an unclosed value, else the point reached.
    const upTo = e.code === 'CSV_QUOTE_NOT_CLOSED' ? Math.max(0, raw.indexOf('"')) : raw.length;
    return { ok: false, error: structureError(e.code, line + countLineEnds(raw.slice(0, upTo))) };
  }
  return { ok: true, records };
}

/** Decodes and parses a CSV file's bytes (UTF-8, with or without a BOM). */
export function parseCsv(bytes: Uint8Array): CsvParseResult {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return decoded;
  return parseCsvText(decoded.text);
}

// Formula injection. A spreadsheet treats a cell that starts with = + - @ (and, in some, tab or CR) as a formula,
// so a hostile value such as =HYPERLINK("http://x","y") would run when a coordinator opens an export in Excel.
//
// The rule, chosen so that export then import gives back exactly the stored text:
// - Export: if a value starts with zero or more apostrophes followed by a trigger character, write one extra
//   apostrophe in front. "=1+1" is written "'=1+1"; "'=1+1" is written "''=1+1".
// - Import: if a cell starts with one or more apostrophes followed by a trigger character, remove exactly one
//   apostrophe: that apostrophe is our escape (and Excel's own "treat as text" mark). Any other apostrophe, such as
//   in "'Hello", is kept as it is.
// The two are inverses, so the round trip is exact. An unescaped formula in an imported file is kept as plain
// text: this app never evaluates it, and the next export escapes it.
const FORMULA_AFTER_APOSTROPHES = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

export function escapeFormula(value: string): string {
  return FORMULA_AFTER_APOSTROPHES.test(value) ? `'${value}` : value;
}

export function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/** True when a value would be taken as a formula by a spreadsheet if written without escaping. */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/**
 * Writes records as CSV text with CRLF line ends (RFC 4180) through csv-stringify, escaping formulas first. Quotes
 * only where needed, plus values with a leading or trailing space, which Excel would otherwise trim. For any
 * export (the directory today, reports next): pair it with `csvBytes` for the BOM Excel needs.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(escapeFormula)),
    { record_delimiter: '\r\n', quoted_match: /[\r\n]|^\s|\s$/, eof: true },
  );
}

/** UTF-8 bytes with a BOM, so that Excel on Windows opens the file as UTF-8 rather than Windows-1252. */
export function csvBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
