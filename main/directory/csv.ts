// RFC 4180 CSV, reading and writing, for files that coordinators move between this app and Excel.
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

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Parses decoded CSV text. Accepts CRLF, LF and (old Mac Excel) lone CR line ends, and newlines inside quotes. */
export function parseCsvText(text: string): CsvParseResult {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let cells: string[] = [];
  let recordLine = 1;

  // Consumes a line end at i, if any; returns true if one was consumed.
  const endOfLine = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) {
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === LF) {
      i += 1;
    } else {
      return false;
    }
    line += 1;
    return true;
  };

  if (n === 0) return { ok: true, records };

  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const openedOn = line;
      let from = i + 1;
      const parts: string[] = [];
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          return {
            ok: false,
            error: {
              line: openedOn,
              message: `Line ${openedOn}: a value starts with a quote mark (") that is never closed.`,
            },
          };
        }
        const chunk = text.slice(from, close);
        line += countLineEnds(chunk);
        parts.push(chunk);
        if (text.charCodeAt(close + 1) === QUOTE) {
          parts.push('"');
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      value = parts.join('');
      const next = text.charCodeAt(i);
      if (i < n && next !== COMMA && next !== CR && next !== LF) {
        return {
          ok: false,
          error: {
            line,
            message: `Line ${line}: there is text after the closing quote mark of a value. Put the whole value in quotes, and write any quote mark inside it as two ("").`,
          },
        };
      }
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) {
          return {
            ok: false,
            error: {
              line,
              message: `Line ${line}: a quote mark (") appears inside a value that is not in quotes. Put the whole value in quotes, and write the quote mark as two ("").`,
            },
          };
        }
        i += 1;
      }
      value = text.slice(start, i);
    }
    cells.push(value);

    if (i >= n) {
      records.push({ line: recordLine, cells });
      break;
    }
    if (text.charCodeAt(i) === COMMA) {
      i += 1;
      continue;
    }
    endOfLine();
    records.push({ line: recordLine, cells });
    cells = [];
    recordLine = line;
    // A line end at the very end of the file closes the last record; it does not start an empty one.
    if (i >= n) break;
  }
  return { ok: true, records };
}

function countLineEnds(chunk: string): number {
  let count = 0;
  for (let k = 0; k < chunk.length; k += 1) {
    const c = chunk.charCodeAt(k);
    if (c === LF || (c === CR && chunk.charCodeAt(k + 1) !== LF)) count += 1;
  }
  return count;
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

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function quoteCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes records as CSV text with CRLF line ends (RFC 4180), escaping formulas. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => quoteCell(escapeFormula(cell))).join(',')).join('\r\n') + '\r\n';
}

/** UTF-8 bytes with a BOM, so that Excel on Windows opens the file as UTF-8 rather than Windows-1252. */
export function csvBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
