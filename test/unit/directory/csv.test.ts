import { describe, expect, it } from 'vitest';
import { CSV_MAX_BYTES, csvBytes, escapeFormula, parseCsv, unescapeFormula, writeCsv } from '../../../main/directory/csv';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

function records(text: string | Buffer) {
  const result = parseCsv(typeof text === 'string' ? utf8(text) : text);
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return result.records;
}

function failure(bytes: Buffer) {
  const result = parseCsv(bytes);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('parseCsv: good files', () => {
  it('reads simple rows with LF or CRLF, with line numbers', () => {
    expect(records('a,b\n1,2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
    expect(records('a,b\r\n1,2\r\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ]);
  });

  it('reads old Mac line ends (lone CR)', () => {
    expect(records('a,b\r1,2\r').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines, and counts lines inside them', () => {
    const text = 'name,notes\r\n"Smith, Jo","She said ""yes""\r\nthen left"\r\nNext,"a\nb\nc"\nLast,x\n';
    expect(records(text)).toEqual([
      { line: 1, cells: ['name', 'notes'] },
      { line: 2, cells: ['Smith, Jo', 'She said "yes"\r\nthen left'] },
      { line: 4, cells: ['Next', 'a\nb\nc'] },
      { line: 7, cells: ['Last', 'x'] },
    ]);
  });

  it('keeps empty fields, empty quoted fields and a trailing empty field', () => {
    expect(records('a,,"",\n').map((r) => r.cells)).toEqual([['a', '', '', '']]);
  });

  it('keeps blank lines as empty records for the caller to skip', () => {
    expect(records('a\n\nb\n').map((r) => r.cells)).toEqual([['a'], [''], ['b']]);
  });

  it('strips one UTF-8 BOM, and only one', () => {
    expect(records(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('name\nx')]))[0]?.cells).toEqual(['name']);
    const twice = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), utf8('name')]);
    expect(records(twice)[0]?.cells).toEqual(['\uFEFFname']);
  });

  it('reads non-ASCII UTF-8 names exactly', () => {
    expect(records('Zoë Ünal,Łódź,Ağaoğlu,日本\n')[0]?.cells).toEqual(['Zoë Ünal', 'Łódź', 'Ağaoğlu', '日本']);
  });

  it('reads an empty file as no records', () => {
    expect(records('')).toEqual([]);
    expect(records(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual([]);
  });
});

describe('parseCsv: bad and hostile files', () => {
  it('refuses Latin-1 / Windows-1252 bytes, saying where', () => {
    const latin1 = Buffer.from('name\nOk\nZo\xeb Smith\n', 'latin1');
    const error = failure(latin1);
    expect(error.message).toMatch(/^The file is not UTF-8 text \(near line 3\)/);
    expect(error.message).toContain('CSV UTF-8');
  });

  it('refuses UTF-16 with a BOM, both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,x\r\n', 'utf16le')]);
    expect(failure(le).message).toMatch(/UTF-16/);
    const be = Buffer.from([0xfe, 0xff, 0x00, 0x6e, 0x00, 0x61]);
    expect(failure(be).message).toMatch(/UTF-16/);
  });

  it('refuses UTF-16 without a BOM (NUL characters)', () => {
    const error = failure(Buffer.from('name,x\r\n', 'utf16le'));
    expect(error.message).toMatch(/NUL characters/);
  });

  it('refuses an Excel workbook', () => {
    expect(failure(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])).message).toMatch(/Excel workbook/);
  });

  it('refuses an unterminated quote, naming the line it opened on', () => {
    const error = failure(utf8('a,b\n1,2\n3,"never closed\n4,5\n'));
    expect(error.line).toBe(3);
    expect(error.message).toBe('Line 3: a value starts with a quote mark (") that is never closed.');
  });

  it('refuses a stray quote inside an unquoted value', () => {
    const error = failure(utf8('a,b\n1,2\n3,say "hi"\n'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Line 3: a quote mark/);
  });

  it('refuses text after a closing quote', () => {
    const error = failure(utf8('a,b\n"multi\nline" extra,2\n'));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Line 3: there is text after the closing quote/);
  });

  it('refuses a file over the size limit before decoding it', () => {
    const error = failure(Buffer.alloc(CSV_MAX_BYTES + 1, 0x61));
    expect(error.message).toBe('The file is 20.0 MB; the largest file that can be imported is 20.0 MB.');
  });

  it('passes formula-looking cells through as text; it never evaluates them', () => {
    const cells = records('"=HYPERLINK(""http://x"",""y"")",@SUM(A1),+1,-2,=1+1\n')[0]?.cells;
    expect(cells).toEqual(['=HYPERLINK("http://x","y")', '@SUM(A1)', '+1', '-2', '=1+1']);
  });

  it('refuses an unquoted =HYPERLINK(...) as a stray quote rather than guessing', () => {
    expect(failure(utf8('name\n=HYPERLINK("http://x","y")\n')).message).toMatch(/^Line 2: a quote mark/);
  });
});

describe('formula escaping', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+44 20 7946 0000', `'+44 20 7946 0000`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tindent', `'\tindent`],
    ['\rcr', `'\rcr`],
    [`'=already`, `''=already`],
    [`''=twice`, `'''=twice`],
    [`'Hello`, `'Hello`],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('escapes %j as %j and back', (value, escaped) => {
    expect(escapeFormula(value)).toBe(escaped);
    expect(unescapeFormula(escaped)).toBe(value);
  });

  it('keeps an apostrophe that is not our escape', () => {
    expect(unescapeFormula(`'Hello`)).toBe(`'Hello`);
    expect(unescapeFormula(`'`)).toBe(`'`);
  });

  it('unescapes an Excel-style text mark in a file we did not write', () => {
    expect(unescapeFormula(`'=1+1`)).toBe('=1+1');
  });
});

describe('writeCsv', () => {
  it('quotes only when needed and uses CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' padded', '']])).toBe('a,"b,c","say ""hi""","two\nlines"," padded",\r\n');
  });

  it('neutralises formulas in every cell', () => {
    expect(writeCsv([['=HYPERLINK("http://x","y")', '@x']])).toBe(`"'=HYPERLINK(""http://x"",""y"")",'@x\r\n`);
  });

  it('round trips awkward values exactly through parse, once unescaped', () => {
    const rows = [
      ['=HYPERLINK("http://x","y")', "'=quoted", "'plain", '+44 (0)20 7946 0000'],
      ['line\r\nbreak', 'lone\rcr', 'lf\nonly', '"'],
      ['Zoë', ',', ' ', ''],
    ];
    const parsed = records(csvBytes(writeCsv(rows))).map((r) => r.cells.map(unescapeFormula));
    expect(parsed).toEqual(rows);
  });

  it('writes a UTF-8 BOM for Excel', () => {
    expect([...csvBytes('a').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('parseCsv: size and speed', () => {
  // How fast it parses is measured by `npm run bench`, not asserted here.
  it('parses a generated 10 MB file', () => {
    const row =
      'Southwark Housing Association,Housing association,Active,01/04/2019,01/04/2019,"Southwark; Lambeth; Lewisham","Emergency panel, meets ""Tuesdays""",Named Lead,Jo Bloggs,Lettings manager,020 7946 0000,jo@example.org.uk,jo@example.org.uk.cjsm.net\r\n';
    const count = Math.ceil((10 * 1024 * 1024) / row.length);
    const bytes = utf8(row.repeat(count));
    expect(bytes.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const result = parseCsv(bytes);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.records).toHaveLength(count);
      expect(result.records.at(-1)?.line).toBe(count);
      expect(result.records[0]?.cells[6]).toBe('Emergency panel, meets "Tuesdays"');
    }
  });
});
