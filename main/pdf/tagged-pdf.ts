import PDFDocument from 'pdfkit';
import { upgradeToRevision6 } from './aes256-r6';
import { defaultFontPath, faceFor, fontPath, type FontWeight } from './fonts';

/*
 * One way to make PDFs for the whole app (circulation packs now, partner statements and year-end reports later):
 * printable A4, tagged for screen readers (headings, paragraphs and tables in reading order, page numbers marked as
 * artifacts), document language en-GB, the title shown in the viewer's title bar, and optional AES-256 encryption.
 *
 * pdfkit was chosen because it does all of that itself (tagged structure, AES-256 encryption under
 * `pdfVersion: '1.7ext3'`, raised to revision 6 by aes256-r6.ts), runs in plain Node with no native code, and embeds
 * subsets of TrueType fonts (fonts.ts), so nothing is fetched and every name shows as written. The metadata (Info dictionary and XMP) holds only the title the caller gives, which callers
 * keep free of identity: no author, subject or keywords are ever written.
 */

export interface PdfEncryption {
  /** Opens the document. */
  userPassword: string;
  /** Changes its permissions; never given out. */
  ownerPassword: string;
}

export interface PdfOptions {
  title: string;
  /** Written as the creation date: the day the document is about, so that nothing else about the moment leaks. */
  createdAt: Date;
  encryption?: PdfEncryption | undefined;
}

export interface PdfRow {
  label: string;
  value: string;
}

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;

const MARGIN = 56;
const BODY = 10.5;
const INK = '#1a1a1a';
const RULE = '#6b6b6b';
const SHADE = '#eeeeee';

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xmlEscape = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

/**
 * pdfkit writes the title into the XMP packet as is, so a partner called "Smith & Sons" made the XMP unreadable
 * (and dc:title wrong for a screen reader). The Info dictionary is written before the XMP, so the title is escaped
 * just for the XMP and put back after.
 */
function escapeXmpTitle(doc: Doc): void {
  const internal = doc as unknown as { info: { Title?: unknown }; _addInfo: () => void };
  const addInfo = internal._addInfo.bind(doc);
  internal._addInfo = () => {
    const raw = internal.info.Title;
    if (typeof raw === 'string') internal.info.Title = xmlEscape(raw);
    try {
      addInfo();
    } finally {
      internal.info.Title = raw;
    }
  };
}

/**
 * pdfkit's PDF/UA subset (it writes pdfuaid:part 1 into the XMP), and an embedded default font, so that pdfkit never
 * loads its standard, unembedded Helvetica. pdfkit's published types lag both options (PDF/A subsets only, a font
 * by name only); they are as its documentation gives.
 */
const UA_OPTIONS = () => ({ subset: 'PDF/UA', font: defaultFontPath() }) as unknown as Pick<PDFKit.PDFDocumentOptions, 'subset' | 'font'>;

/** Builds a tagged A4 document top to bottom; `finish()` returns its bytes. */
export class TaggedPdf {
  private readonly doc: Doc;
  private readonly root: StructElement;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(options: PdfOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      // Encryption with AES-256 (R6) needs PDF 1.7 extension level 3; 1.7 otherwise, for tagged structure.
      pdfVersion: options.encryption ? '1.7ext3' : '1.7',
      ...(options.encryption
        ? {
            userPassword: options.encryption.userPassword,
            ownerPassword: options.encryption.ownerPassword,
            // Printing and screen readers must still work for the landlord who opens it; editing is not needed.
            permissions: { printing: 'highResolution', copying: true, contentAccessibility: true, modifying: false, annotating: false },
          }
        : {}),
      tagged: true,
      ...UA_OPTIONS(),
      lang: 'en-GB',
      displayTitle: true,
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: options.title, Producer: 'Reciprocal', Creator: 'Reciprocal', CreationDate: options.createdAt, ModDate: options.createdAt },
    });
    escapeXmpTitle(this.doc);
    if (options.encryption) upgradeToRevision6(this.doc, options.encryption.userPassword, options.encryption.ownerPassword);
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.doc.fillColor(INK).fontSize(BODY);
  }

  /** Selects the face that can draw all of `text` (see fonts.ts), and returns `text` composed (NFC) for drawing. */
  private face(text: string, weight: FontWeight = 'regular'): string {
    const composed = text.normalize('NFC');
    this.doc.font(fontPath(faceFor(composed, weight)));
    return composed;
  }

  private cell(text: string, weight: FontWeight): { text: string; font: { src: string } } {
    const composed = text.normalize('NFC');
    return { text: composed, font: { src: fontPath(faceFor(composed, weight)) } };
  }

  private get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  /** Keeps a heading with at least a few lines of what follows it. */
  private keepRoom(points: number): void {
    if (this.doc.y + points > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  heading(text: string, level: 1 | 2 = 2): this {
    const size = level === 1 ? 18 : 13;
    this.keepRoom(level === 1 ? 40 : 70);
    if (level === 2) this.doc.moveDown(0.8);
    this.root.add(
      this.doc.struct(level === 1 ? 'H1' : 'H2', {}, () => {
        const shown = this.face(text, 'bold');
        this.doc.fontSize(size).fillColor(INK).text(shown, MARGIN, this.doc.y, { width: this.width });
      }),
    );
    this.doc.fontSize(BODY).moveDown(0.3);
    return this;
  }

  paragraph(text: string, options: { bold?: boolean; muted?: boolean } = {}): this {
    this.root.add(
      this.doc.struct('P', {}, () => {
        const shown = this.face(text, options.bold ? 'bold' : 'regular');
        this.doc
          .fontSize(BODY)
          .fillColor(options.muted ? '#444444' : INK)
          .text(shown, MARGIN, this.doc.y, { width: this.width, lineGap: 2 });
      }),
    );
    this.doc.fillColor(INK).moveDown(0.4);
    return this;
  }

  /** A two-column table of label and value: each label is a row header, so a screen reader reads "Bedrooms: 2". */
  facts(rows: readonly PdfRow[]): this {
    if (rows.length === 0) return this;
    this.table(
      null,
      rows.map((r) => [r.label, r.value]),
      { rowHeaders: true, widths: [this.width * 0.34, '*'] },
    );
    return this;
  }

  /** A table with column headers (and optionally the first cell of each row as its header). */
  table(headers: readonly string[] | null, rows: readonly (readonly string[])[], options: { rowHeaders?: boolean; widths?: (number | string)[] } = {}): this {
    this.doc.x = MARGIN;
    const head = headers === null ? [] : [headers.map((text) => ({ ...this.cell(text, 'bold'), type: 'TH', scope: 'column', backgroundColor: SHADE }))];
    const body = rows.map((row) =>
      row.map((text, i) => (options.rowHeaders && i === 0 ? { ...this.cell(text, 'bold'), type: 'TH', scope: 'row' } : this.cell(text, 'regular'))),
    );
    const tableOptions = {
      data: [...head, ...body],
      structParent: this.root,
      position: { x: MARGIN },
      maxWidth: this.width,
      columnStyles: options.widths ?? '*',
      defaultStyle: { border: 0.5, borderColor: RULE, padding: 5, textColor: INK },
    };
    // pdfkit's published types lag its table API (structParent, scope): the options are as its documentation gives.
    (this.doc.table as unknown as (o: unknown) => void)(tableOptions);
    this.doc.x = MARGIN;
    this.doc.moveDown(0.6);
    return this;
  }

  /**
   * A horizontal bar chart drawn as vectors (rectangles and text, no image), tagged as one Figure with `alt` as its
   * alternative text. Bars with no value (hidden or not applicable) are drawn as an empty track marked "*" or "–".
   * Callers put the chart's numbers in a table beside it, so the figure's text is not the only way to read them.
   */
  barChart(alt: string, bars: readonly { label: string; value: number | null; text: string }[]): this {
    const rowHeight = 16;
    const height = bars.length * rowHeight + 6;
    this.keepRoom(height + 10);
    const top = this.doc.y;
    const labelWidth = this.width * 0.4;
    const track = this.width - labelWidth - 50;
    const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
    this.root.add(
      this.doc.struct('Figure', { alt }, () => {
        bars.forEach((b, i) => {
          const y = top + i * rowHeight;
          const label = this.face(b.label);
          this.doc
            .fontSize(8.5)
            .fillColor(INK)
            .text(label, MARGIN, y + 3, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
          this.doc
            .rect(MARGIN + labelWidth, y + 2, track, rowHeight - 5)
            .fillColor(SHADE)
            .fill();
          const w = b.value === null ? 0 : (track * b.value) / max;
          if (w > 0)
            this.doc
              .rect(MARGIN + labelWidth, y + 2, w, rowHeight - 5)
              .fillColor('#2b5c8a')
              .fill();
          const value = this.face(b.text);
          this.doc.fillColor(INK).text(value, MARGIN + labelWidth + track + 6, y + 3, { width: 44, lineBreak: false });
        });
      }),
    );
    this.doc.x = MARGIN;
    this.doc.y = top + height;
    this.doc.fontSize(BODY).fillColor(INK).moveDown(0.4);
    return this;
  }

  /** Page numbers, marked as pagination artifacts so that a screen reader does not read them as content. */
  private paginate(footer: string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      // Writing into the bottom margin must not start a new page.
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      const line = this.face(`${footer} · Page ${i + 1} of ${range.count}`);
      this.doc
        .fontSize(8.5)
        .fillColor('#444444')
        .text(line, MARGIN, this.doc.page.height - MARGIN + 18, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
  }

  async finish(footer: string): Promise<{ bytes: Buffer; pages: number }> {
    this.root.end();
    this.paginate(footer);
    const pages = this.doc.bufferedPageRange().count;
    this.doc.end();
    return { bytes: await this.done, pages };
  }
}
