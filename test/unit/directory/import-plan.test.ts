import { describe, expect, it } from 'vitest';
import { BOROUGHS, sortBoroughCodes } from '../../../contract/boroughs';
import type { Partner } from '../../../contract/partners';
import { parseCsv } from '../../../main/directory/csv';
import { DIRECTORY_COLUMNS, EXPORT_COLUMNS, exportDirectory, parseCsvDate, parseDirectoryCsv } from '../../../main/directory/csv-format';
import { formatUkDate } from '../../../contract/dates';
import type { DirectoryRow } from '../../../main/directory/csv-format';
import { planImport } from '../../../main/directory/import-plan';
import { aContact, aPartner } from './builders';

const HEADER = DIRECTORY_COLUMNS.join(',');

function rowsOf(csv: string): DirectoryRow[] {
  const parsed = parseDirectoryCsv(Buffer.from(csv, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.rows;
}

function plan(lines: string[], existing: Partner[] = []) {
  return planImport(rowsOf([HEADER, ...lines].join('\r\n')), existing);
}

const PEABODY = 'Peabody,Housing association,Active,01/04/2019,01/04/2019,Southwark; Lambeth,"Panel, Tuesdays"';
const LEAD = 'Named Lead,Jo Bloggs,Lettings manager,020 7946 0000,jo@example.org.uk,';
const LEAD2 = 'Named Lead,Sam Patel,Head of housing,,sam@example.org.uk,sam@example.org.uk.cjsm.net';
const LETTINGS = 'Lettings,Ali Khan,,020 7946 0001,,';
const NO_CONTACT = ',,,,,';

describe('directory CSV format', () => {
  it('refuses a file that is missing required columns, naming them', () => {
    const result = parseDirectoryCsv(Buffer.from('partner_name,partner_type\nX,Local authority\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/^The header row is missing these columns: status, status_changed_on/);
      expect(result.error.message).toContain('contact_secure_email');
    }
  });

  it('ignores extra columns with a warning, in any position', () => {
    const csv = `notes_for_me,${HEADER},Region\r\nignore me,${PEABODY},${LEAD},London\r\n`;
    const parsed = parseDirectoryCsv(Buffer.from(csv));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.warnings.map((w) => w.message)).toEqual([
        'Column "notes_for_me" is not used and was ignored',
        'Column "Region" is not used and was ignored',
      ]);
      expect(parsed.rows[0]?.values.partner_name).toBe('Peabody');
      expect(parsed.rows[0]?.values.contact_email).toBe('jo@example.org.uk');
    }
  });

  it('matches retyped headers loosely but refuses a column given twice', () => {
    const loose = HEADER.replace('partner_name', 'Partner Name').replace('contact_email', 'CONTACT-EMAIL');
    expect(parseDirectoryCsv(Buffer.from(`${loose}\n`)).ok).toBe(true);
    const twice = parseDirectoryCsv(Buffer.from(`${HEADER},status\n`));
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toMatch(/column status more than once/);
  });

  it('refuses an empty file', () => {
    const result = parseDirectoryCsv(Buffer.from(''));
    expect(result.ok).toBe(false);
  });

  it('passes encoding and structure errors through, with the line', () => {
    const latin1 = parseDirectoryCsv(Buffer.from(`${HEADER}\nZo\xeb,`, 'latin1'));
    expect(!latin1.ok && latin1.error.message).toMatch(/not UTF-8 text \(near line 2\)/);
    const unterminated = parseDirectoryCsv(Buffer.from(`${HEADER}\n${PEABODY},"${LEAD}\n`));
    expect(!unterminated.ok && unterminated.error.message).toMatch(/^Line 2: a value starts with a quote mark/);
  });

  it('skips blank lines, and flags rows of the wrong width', () => {
    const rows = rowsOf(`${HEADER}\n\n${PEABODY},${LEAD}\n,,\nPeabody,Housing association\n${PEABODY},${LEAD},,,\n`);
    expect(rows.map((r) => [r.line, r.problem])).toEqual([
      [3, undefined],
      [5, 'This row has 2 values but the header has 13 columns'],
      [6, undefined],
    ]);
  });

  it('reads UK dates, and ISO ones, and nothing else', () => {
    expect(parseCsvDate('01/04/2019')).toBe('2019-04-01');
    expect(parseCsvDate('1/4/2019')).toBe('2019-04-01');
    expect(parseCsvDate('2019-04-01')).toBe('2019-04-01');
    expect(parseCsvDate('29/02/2024')).toBe('2024-02-29');
    for (const bad of ['29/02/2023', '04/25/2019', '1/4/19', 'April 2019', '', '2019-4-1', '32/01/2019']) {
      expect(parseCsvDate(bad)).toBeUndefined();
    }
    expect(formatUkDate('2019-04-01')).toBe('01/04/2019');
  });
});

describe('planImport: adds and updates', () => {
  it('adds a new partner with its contacts, boroughs matched loosely', () => {
    const result = plan([
      `${PEABODY.replace('Southwark; Lambeth', 'LB Southwark;Lambeth ; Hammersmith & Fulham')},${LEAD}`,
      `${PEABODY.replace('Southwark; Lambeth', 'Southwark;Lambeth;LB Hammersmith and Fulham')},${LETTINGS}`,
    ]);
    expect(result.errors).toEqual([]);
    expect(result.toAdd).toHaveLength(1);
    const added = result.toAdd[0];
    expect(added?.lines).toEqual([2, 3]);
    expect(added?.partner).toMatchObject({
      name: 'Peabody',
      type: 'housing_association',
      status: 'active',
      statusChangedOn: '2019-04-01',
      joinedOn: '2019-04-01',
      stockBoroughs: ['E09000013', 'E09000022', 'E09000028'],
      approvalRouteNotes: 'Panel, Tuesdays',
    });
    expect(added?.partner.contacts.map((c) => [c.kind, c.name])).toEqual([
      ['named_lead', 'Jo Bloggs'],
      ['lettings', 'Ali Khan'],
    ]);
  });

  it('accepts labels in any case, and a partner-only row', () => {
    const result = plan(['Hackney Council,LOCAL AUTHORITY,suspended,01/06/2024,01/04/2019,hackney,,,,,,,']);
    expect(result.errors).toEqual([]);
    expect(result.toAdd[0]?.partner).toMatchObject({
      type: 'local_authority',
      status: 'suspended',
      contacts: [],
    });
  });

  it('groups rows by partner name ignoring case and spacing', () => {
    const other = PEABODY.replace('Peabody', '  Peabody ');
    const result = plan([`${PEABODY},${LEAD}`, `${other},${LEAD2}`]);
    expect(result.errors).toEqual([]);
    expect(result.toAdd).toHaveLength(1);
    expect(result.toAdd[0]?.partner.contacts).toHaveLength(2);
  });

  it('updates a partner matched by name, keeping the ids of contacts still there', () => {
    const existing = aPartner({
      id: 7,
      name: 'Peabody',
      type: 'housing_association',
      stockBoroughs: ['E09000028'],
      approvalRouteNotes: 'Panel, Tuesdays',
      contacts: [
        aContact({
          id: 70,
          name: 'Jo Bloggs',
          role: 'Lettings manager',
          phone: '020 7946 0000',
          email: 'jo@example.org.uk',
          secureEmail: '',
        }),
      ],
    });
    const upper = PEABODY.replace('Peabody', 'PEABODY');
    const result = plan([`${upper},${LEAD}`, `${upper},${LETTINGS}`], [existing]);
    expect(result.errors).toEqual([]);
    expect(result.toAdd).toEqual([]);
    expect(result.toUpdate).toHaveLength(1);
    const update = result.toUpdate[0];
    expect(update?.id).toBe(7);
    expect(update?.before).toBe(existing);
    expect(update?.after.name).toBe('PEABODY');
    expect(update?.after.stockBoroughs).toEqual(['E09000022', 'E09000028']);
    expect(update?.after.contacts.map((c) => [c.id, c.name])).toEqual([
      [70, 'Jo Bloggs'],
      [undefined, 'Ali Khan'],
    ]);
  });

  it('counts an identical partner as unchanged, whatever the order of rows and boroughs', () => {
    const existing = aPartner({
      name: 'Peabody',
      type: 'housing_association',
      stockBoroughs: ['E09000028', 'E09000022'],
      approvalRouteNotes: 'Panel, Tuesdays',
      contacts: [
        aContact({
          id: 1,
          kind: 'lettings',
          name: 'Ali Khan',
          role: '',
          phone: '020 7946 0001',
          email: '',
          secureEmail: '',
        }),
        aContact({
          id: 2,
          name: 'Jo Bloggs',
          role: 'Lettings manager',
          phone: '020 7946 0000',
          email: 'jo@example.org.uk',
          secureEmail: '',
        }),
      ],
    });
    const reordered = PEABODY.replace('Southwark; Lambeth', 'Lambeth;Southwark');
    const result = plan([`${reordered},${LEAD}`, `${PEABODY},${LETTINGS}`], [existing]);
    expect(result).toMatchObject({
      toAdd: [],
      toUpdate: [],
      unchanged: 1,
      errors: [],
    });
  });

  it('leaves partners that are not in the file alone', () => {
    const result = plan([`${PEABODY},${LEAD}`], [aPartner({ name: 'Clarion Housing' })]);
    expect(result.toAdd).toHaveLength(1);
    expect(result.toUpdate).toEqual([]);
  });
});

describe('planImport: errors', () => {
  function reasons(lines: string[], existing: Partner[] = []) {
    return plan(lines, existing).errors.map((e) => `${e.line}: ${e.reason}`);
  }

  it('names an unknown or ambiguous borough', () => {
    expect(reasons([`${PEABODY.replace('Southwark; Lambeth', 'Southwark; Surrey; City')},${LEAD}`])).toEqual([
      '2: Stock borough "Surrey" is not a London borough',
      '2: Stock borough "City" could mean the City of London or the City of Westminster; write the borough\'s name in full',
    ]);
  });

  it('refuses an active partner without a Named Lead', () => {
    expect(reasons([`${PEABODY},${LETTINGS}`])).toEqual(['2: An active partner needs at least one Named Lead']);
    expect(reasons([`${PEABODY},${NO_CONTACT}`])).toEqual(['2: An active partner needs at least one Named Lead']);
  });

  it('refuses a bad email, saying what was written', () => {
    expect(reasons([`${PEABODY},Named Lead,Jo Bloggs,,,jo@@example,`])).toEqual(['2: Enter an email address like name@council.gov.uk (not "jo@@example")']);
  });

  it('refuses a duplicate contact row', () => {
    expect(reasons([`${PEABODY},${LEAD}`, `${PEABODY},${LEAD.replace('Jo Bloggs', 'JO BLOGGS')}`])).toEqual([
      '2: Not imported: Peabody has errors on line 3, so none of its rows are imported',
      '3: This contact repeats line 2: the same person is listed twice as Named Lead',
    ]);
  });

  it('refuses rows of the same partner that disagree', () => {
    expect(reasons([`${PEABODY},${LEAD}`, `${PEABODY.replace('Active', 'Suspended')},${LEAD2}`])).toEqual([
      '2: Not imported: Peabody has errors on line 3, so none of its rows are imported',
      '3: The status is "Suspended" here but "Active" on line 2',
    ]);
  });

  it('refuses bad dates, types, statuses and kinds', () => {
    const bad = 'Peabody,Council,Open,31/02/2019,,Southwark';
    expect(reasons([`${bad},,Boss,Jo,,020 7946 0000,,`])).toEqual([
      '2: The partner type "Council" is not Local authority or Housing association',
      '2: The status "Open" is not Active, Suspended or Left',
      '2: The status date "31/02/2019" is not a real date in the form dd/mm/yyyy',
      '2: The joined date is empty; enter it as dd/mm/yyyy',
      '2: The contact kind "Boss" is not Named Lead, Lettings or Other',
    ]);
  });

  it('refuses a formula as a name, and a row without a partner name', () => {
    expect(reasons([`"=HYPERLINK(""http://x"",""y"")",Housing association,Active,01/04/2019,01/04/2019,Southwark,,${LEAD}`, `,,,,,,,${LEAD}`])).toEqual([
      "2: The partner's name must start with a letter or number, not =, +, - or @",
      "3: Enter the partner's name (partner_name is empty)",
    ]);
  });

  it('skips the whole partner when one row is wrong, and says so on its other rows', () => {
    const result = plan([
      `${PEABODY},${LEAD}`,
      `${PEABODY},${LEAD2.replace('sam@example.org.uk,', 'not an email,')}`,
      `${PEABODY},${LETTINGS}`,
      `Clarion,Housing association,Active,01/04/2019,01/04/2019,Croydon,,${LEAD}`,
    ]);
    expect(result.toAdd.map((a) => a.partner.name)).toEqual(['Clarion']);
    expect(result.errors.map((e) => [e.line, e.partnerName])).toEqual([
      [2, 'Peabody'],
      [3, 'Peabody'],
      [4, 'Peabody'],
    ]);
    expect(result.errors[0]?.reason).toBe('Not imported: Peabody has errors on line 3, so none of its rows are imported');
  });

  it('reports a short row as an error for its partner', () => {
    expect(reasons([`${PEABODY},${LEAD}`, 'Peabody,Housing association'])).toContain('3: This row has 2 values but the header has 13 columns');
  });

  it('warns about formula-looking free text, keeping it as plain text', () => {
    const result = plan([`${PEABODY.replace('"Panel, Tuesdays"', '"=HYPERLINK(""http://x"",""y"")"')},${LEAD}`]);
    expect(result.errors).toEqual([]);
    expect(result.toAdd[0]?.partner.approvalRouteNotes).toBe('=HYPERLINK("http://x","y")');
    expect(result.warnings).toEqual([
      {
        line: 2,
        message: 'The approval route notes start with "=", like a spreadsheet formula. They are kept as plain text and never run.',
      },
    ]);
  });
});

describe('export and the round trip', () => {
  const directory: Partner[] = [
    aPartner({
      name: 'Peabody',
      type: 'housing_association',
      stockBoroughs: ['E09000028', 'E09000022', 'E09000001'],
      approvalRouteNotes: 'Emergency panel, meets "Tuesdays"\nAsk for the duty officer',
      contacts: [
        aContact({
          id: 3,
          kind: 'other',
          name: 'Zed Other',
          email: '',
          phone: '+44 20 7946 0002',
        }),
        aContact({ id: 1, name: 'Sam Patel' }),
        aContact({ id: 2, name: 'Jo Bloggs' }),
        aContact({ id: 4, kind: 'lettings', name: 'Ali Khan', role: '' }),
      ],
    }),
    aPartner({
      name: 'clarion housing',
      status: 'left',
      statusChangedOn: '2023-01-31',
      contacts: [],
      stockBoroughs: [],
    }),
    aPartner({
      name: 'Zoë Homes',
      approvalRouteNotes: '=HYPERLINK("http://x","y")',
      contacts: [aContact({ role: "'=quoted" })],
    }),
    aPartner({
      name: 'Hammersmith & Fulham Council',
      stockBoroughs: BOROUGHS.map((b) => b.code),
    }),
  ];

  it('writes a BOM, a header and one row per contact in a fixed order', () => {
    const bytes = exportDirectory(directory);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(bytes);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [header, ...rows] = parsed.records;
    expect(header?.cells).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((r) => [r.cells[0], r.cells[7], r.cells[8]])).toEqual([
      ['clarion housing', '', ''],
      ['Hammersmith & Fulham Council', 'Named Lead', 'Amira Okafor'],
      ['Peabody', 'Named Lead', 'Jo Bloggs'],
      ['Peabody', 'Named Lead', 'Sam Patel'],
      ['Peabody', 'Lettings', 'Ali Khan'],
      ['Peabody', 'Other', 'Zed Other'],
      ['Zoë Homes', 'Named Lead', 'Amira Okafor'],
    ]);
    const peabody = rows[2]?.cells ?? [];
    expect(peabody.slice(1, 6)).toEqual(['Housing association', 'Active', '01/04/2019', '01/04/2019', 'City of London; Lambeth; Southwark']);
    expect(rows[5]?.cells[10]).toBe("'+44 20 7946 0002");
    expect(rows[6]?.cells[6]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[6]?.cells[9]).toBe("''=quoted");
  });

  it('is deterministic', () => {
    expect(exportDirectory([...directory].reverse()).equals(exportDirectory(directory))).toBe(true);
  });

  it('round trips: export, parse and plan against the same partners changes nothing', () => {
    const rows = rowsOf(exportDirectory(directory).toString('utf8'));
    const result = planImport(rows, directory);
    expect(result.errors).toEqual([]);
    expect(result.toAdd).toEqual([]);
    expect(result.toUpdate).toEqual([]);
    expect(result.unchanged).toBe(directory.length);
  });

  it('round trips into an empty directory as the same partners', () => {
    const result = planImport(rowsOf(exportDirectory(directory).toString('utf8')), []);
    expect(result.errors).toEqual([]);
    const byName = new Map(result.toAdd.map((a) => [a.partner.name, a.partner]));
    for (const p of directory) {
      const added = byName.get(p.name);
      const { id: _id, contacts, ...fields } = p;
      expect(added).toMatchObject({
        ...fields,
        stockBoroughs: sortBoroughCodes(p.stockBoroughs),
      });
      expect(added?.contacts.map((c) => c.name).sort()).toEqual(contacts.map((c) => c.name).sort());
    }
  });

  it('plans a large export with nothing to change', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      aPartner({
        name: `Partner ${i}`,
        contacts: [aContact(), aContact({ kind: 'lettings' })],
      }),
    );
    const result = planImport(rowsOf(exportDirectory(many).toString('utf8')), many);
    expect(result.unchanged).toBe(2000);
    expect(result.toAdd).toHaveLength(0);
    expect(result.toUpdate).toHaveLength(0);
  });
});
