import { execFileSync } from 'node:child_process';

/*
 * A PDF/UA checker for the app's PDFs, from what Debian's tools give (veraPDF is not available here): qpdf's JSON
 * (every object, streams decoded) for the catalogue, the structure tree, the metadata and the content streams;
 * poppler's pdffonts for embedding. It covers the parts of PDF/UA-1 (and the Matterhorn protocol's machine checks)
 * that a screen-reader user depends on; it returns a list of problems in words, empty when the file passes.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Dict = { [key: string]: Json };
interface QpdfObject {
  value?: Json;
  stream?: { dict: Dict; data?: string };
}

/** The standard structure types of ISO 32000-1 14.8.4 that these documents may use; no RoleMap is needed for them. */
const STANDARD = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'THead',
  'TBody',
  'TFoot',
  'TR',
  'TH',
  'TD',
  'Figure',
  'Caption',
  'Span',
  'Link',
  'Note',
  'Quote',
  'Code',
]);
/** Which parents each element may have (the table and list rules of 14.8.4.3). */
const PARENTS: Readonly<Record<string, readonly string[]>> = {
  TR: ['Table', 'THead', 'TBody', 'TFoot'],
  TH: ['TR'],
  TD: ['TR'],
  THead: ['Table'],
  TBody: ['Table'],
  TFoot: ['Table'],
  LI: ['L'],
  Lbl: ['LI'],
  LBody: ['LI'],
};
/** Operators that put marks on the page: each must be inside tagged content or an artifact. */
const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'Do', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'sh', 'BI']);

export interface PdfFont {
  name: string;
  embedded: boolean;
  unicode: boolean;
}

export interface PdfUaReport {
  problems: string[];
  title: string;
  lang: string;
  fonts: PdfFont[];
  /** Structure types in reading order (depth first), e.g. ['Document', 'H1', 'P', 'Table', 'TR', 'TH', …]. */
  structure: string[];
  xmp: string;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

function decodeString(v: Json | undefined): string {
  if (typeof v !== 'string') return '';
  if (v.startsWith('u:')) return v.slice(2);
  if (v.startsWith('b:')) return Buffer.from(v.slice(2), 'hex').toString('latin1');
  return v;
}

const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');

/** Tokens of a content stream: enough of the syntax (7.8.2) to find operators and marked-content properties. */
function* tokens(src: string): Generator<{ kind: 'op' | 'name' | 'dict' | 'other'; text: string; dict?: string }> {
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '(') {
      let depth = 0;
      for (; i < n; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '(') depth++;
        else if (src[i] === ')' && --depth === 0) break;
      }
      i++;
      yield { kind: 'other', text: '()' };
    } else if (c === '<' && src[i + 1] === '<') {
      // A dictionary operand (BDC properties): kept whole, nesting counted.
      let depth = 0;
      const start = i;
      while (i < n) {
        if (src.startsWith('<<', i)) {
          depth++;
          i += 2;
        } else if (src.startsWith('>>', i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      yield { kind: 'dict', text: '<<>>', dict: src.slice(start, i) };
    } else if (c === '<') {
      while (i < n && src[i] !== '>') i++;
      i++;
      yield { kind: 'other', text: '<>' };
    } else if (c === '[' || c === ']' || c === '{' || c === '}') {
      i++;
      yield { kind: 'other', text: c };
    } else if (c === '/') {
      const m = /^\/[^\s/[\]()<>{}%]*/.exec(src.slice(i, i + 200))!;
      i += m[0].length;
      yield { kind: 'name', text: m[0].slice(1) };
    } else {
      const m = /^[^\s/[\]()<>{}%]+/.exec(src.slice(i, i + 200))!;
      i += m[0].length;
      yield { kind: /^[-+.\d]/.test(m[0]) ? 'other' : 'op', text: m[0] };
    }
  }
}

interface ContentScan {
  mcids: Set<number>;
  unmarked: string[];
  artifacts: number;
}

/** Walks one page's content: every painting operator must sit in content with an MCID, or in an Artifact. */
function scanContent(content: string): ContentScan {
  const stack: { artifact: boolean; mcid: boolean }[] = [];
  const mcids = new Set<number>();
  const unmarked: string[] = [];
  let artifacts = 0;
  let operands: { kind: string; text: string; dict?: string }[] = [];
  for (const t of tokens(content)) {
    if (t.kind !== 'op') {
      operands.push(t);
      continue;
    }
    if (t.text === 'BDC' || t.text === 'BMC') {
      const tag = operands.find((o) => o.kind === 'name')?.text ?? '';
      const dict = operands.find((o) => o.kind === 'dict')?.dict ?? '';
      const mcid = /\/MCID\s+(\d+)/.exec(dict);
      if (mcid) mcids.add(Number(mcid[1]));
      if (tag === 'Artifact') artifacts++;
      stack.push({ artifact: tag === 'Artifact', mcid: mcid !== null });
    } else if (t.text === 'EMC') {
      if (stack.pop() === undefined) unmarked.push('EMC without BDC');
    } else if (PAINTING.has(t.text)) {
      if (!stack.some((s) => s.artifact || s.mcid)) unmarked.push(t.text);
    }
    operands = [];
  }
  if (stack.length > 0) unmarked.push('BDC without EMC');
  return { mcids, unmarked, artifacts };
}

export function pdfFonts(file: string): PdfFont[] {
  const lines = run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni object-number generation
    return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes', unicode: cols.at(-3) === 'yes' };
  });
}

/** Checks a PDF (decrypt an encrypted one with qpdf first) against the PDF/UA rules the app's documents must meet. */
export function checkPdfUa(file: string): PdfUaReport {
  const problems: string[] = [];
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-stream-data=inline', '--decode-level=generalized', file])) as {
    qpdf: [unknown, Record<string, QpdfObject>];
  };
  const objects = json.qpdf[1];
  const deref = (v: Json | undefined): Json | undefined => {
    if (typeof v === 'string' && / \d+ R$/.test(v)) {
      const o = objects[`obj:${v}`];
      return o?.value ?? (o?.stream ? (o.stream.dict as Json) : undefined);
    }
    return v;
  };
  const dictOf = (v: Json | undefined): Dict => {
    const d = deref(v);
    return d !== null && typeof d === 'object' && !Array.isArray(d) ? d : {};
  };
  const streamOf = (v: Json | undefined): Buffer => {
    const o = typeof v === 'string' ? objects[`obj:${v}`] : undefined;
    return Buffer.from(o?.stream?.data ?? '', 'base64');
  };
  const trailer = dictOf(objects.trailer?.value);
  const root = dictOf(trailer['/Root']);

  // The catalogue: tagged, in British English, showing its title.
  if (dictOf(root['/MarkInfo'])['/Marked'] !== true) problems.push('MarkInfo /Marked is not true');
  const lang = decodeString(deref(root['/Lang']));
  if (lang !== 'en-GB') problems.push(`document language is "${lang}", not en-GB`);
  if (dictOf(root['/ViewerPreferences'])['/DisplayDocTitle'] !== true) problems.push('ViewerPreferences /DisplayDocTitle is not true');

  // The title, in the Info dictionary and in the XMP (dc:title), and the PDF/UA identifier.
  const title = decodeString(deref(dictOf(trailer['/Info'])['/Title']));
  if (title.trim() === '') problems.push('no /Title in the Info dictionary');
  const xmp = streamOf(root['/Metadata']).toString('utf8');
  if (xmp === '') problems.push('no XMP metadata stream');
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) problems.push('XMP has no pdfuaid:part 1');
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i.test(xmp)) problems.push('XMP holds an unescaped "&": it is not well-formed XML');
  const dcTitle = /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(xmp)?.[1];
  if (dcTitle === undefined) problems.push('XMP has no dc:title');
  else if (unescapeXml(dcTitle) !== title) problems.push(`XMP dc:title "${unescapeXml(dcTitle)}" differs from the Info title "${title}"`);

  // The structure tree: standard types only, well nested, figures described, table headers scoped.
  const treeRoot = dictOf(root['/StructTreeRoot']);
  const structure: string[] = [];
  const referenced = new Map<string, Set<number>>();
  if (Object.keys(treeRoot).length === 0) problems.push('no StructTreeRoot');
  const roleMap = dictOf(treeRoot['/RoleMap']);
  if (Object.keys(roleMap).length > 0) problems.push(`RoleMap maps ${Object.keys(roleMap).join(', ')}: use standard types`);
  const note = (page: Json | undefined, mcid: number) => {
    const key = typeof page === 'string' ? page : '?';
    if (!referenced.has(key)) referenced.set(key, new Set());
    referenced.get(key)!.add(mcid);
  };
  /** Returns the types in the element's subtree, itself first. */
  const visit = (ref: Json | undefined, parent: string, inheritedPage: Json | undefined, depth: number): string[] => {
    if (depth > 64) return [];
    const el = dictOf(ref);
    const type = typeof el['/S'] === 'string' ? el['/S'].slice(1) : '';
    if (type === '') return [];
    structure.push(type);
    const subtree = [type];
    if (!STANDARD.has(type)) problems.push(`structure element /${type} is not a standard type`);
    const allowed = PARENTS[type];
    if (allowed && !allowed.includes(parent)) problems.push(`/${type} inside /${parent}`);
    if (type === 'Figure' && decodeString(deref(el['/Alt'])).trim() === '') problems.push('a Figure has no /Alt text');
    if (type === 'TH') {
      const attrs = deref(el['/A']);
      const list = Array.isArray(attrs) ? attrs : [attrs];
      const scope = list.map((a) => dictOf(a)).find((a) => a['/O'] === '/Table')?.['/Scope'];
      if (scope !== '/Row' && scope !== '/Column' && scope !== '/Both') problems.push('a table header (TH) has no /Scope');
    }
    const page = el['/Pg'] ?? inheritedPage;
    const kids = deref(el['/K']);
    for (const kid of Array.isArray(kids) ? kids : kids === undefined ? [] : [kids]) {
      if (typeof kid === 'number') note(page, kid);
      else {
        const k = dictOf(kid);
        if (k['/Type'] === '/MCR') note(k['/Pg'] ?? page, Number(k['/MCID']));
        else if (k['/Type'] !== '/OBJR') subtree.push(...visit(kid, type, page, depth + 1));
      }
    }
    if (type === 'Table' && !subtree.includes('TH')) problems.push('a table has no header cell (TH)');
    return subtree;
  };
  const top = deref(treeRoot['/K']);
  for (const kid of Array.isArray(top) ? top : top === undefined ? [] : [top]) visit(kid, 'StructTreeRoot', undefined, 0);
  if (structure[0] !== 'Document') problems.push('the structure tree does not start with a Document element');
  const headings = structure.filter((s) => /^H\d$/.test(s));
  if (headings.filter((h) => h === 'H1').length !== 1 || headings[0] !== 'H1') problems.push(`headings ${headings.join(' ')}: want one H1, first`);
  headings.forEach((h, i) => {
    const prev = i === 0 ? 0 : Number(headings[i - 1]!.slice(1));
    if (Number(h.slice(1)) > prev + 1) problems.push(`heading ${h} skips a level after H${prev}`);
  });

  // Every page: tab order by structure, and every mark tagged or an artifact, each MCID in the tree.
  const pages: string[] = [];
  const collect = (ref: Json | undefined, depth: number) => {
    const node = dictOf(ref);
    if (node['/Type'] === '/Page' && typeof ref === 'string') pages.push(ref);
    const kids = node['/Kids'];
    if (Array.isArray(kids) && depth < 32) for (const k of kids) collect(k, depth + 1);
  };
  collect(root['/Pages'], 0);
  if (pages.length === 0) problems.push('no pages');
  pages.forEach((ref, i) => {
    const page = dictOf(ref);
    if (page['/Tabs'] !== '/S') problems.push(`page ${i + 1} has no /Tabs /S`);
    const contents = deref(page['/Contents']);
    const parts = Array.isArray(contents) ? contents : [page['/Contents']];
    const scan = scanContent(parts.map((p) => streamOf(p).toString('latin1')).join('\n'));
    if (scan.unmarked.length > 0)
      problems.push(`page ${i + 1}: ${scan.unmarked.length} marks neither tagged nor artifacts (${[...new Set(scan.unmarked)].join(', ')})`);
    const inTree = referenced.get(ref) ?? new Set<number>();
    const orphans = [...scan.mcids].filter((m) => !inTree.has(m));
    if (orphans.length > 0) problems.push(`page ${i + 1}: marked content ${orphans.join(', ')} is not in the structure tree`);
    const missing = [...inTree].filter((m) => !scan.mcids.has(m));
    if (missing.length > 0) problems.push(`page ${i + 1}: the structure tree points at missing content ${missing.join(', ')}`);
  });

  // Fonts: every one embedded, with a Unicode map so that text can be read out and copied.
  const fonts = pdfFonts(file);
  if (fonts.length === 0) problems.push('no fonts');
  for (const f of fonts) {
    if (!f.embedded) problems.push(`font ${f.name} is not embedded`);
    if (!f.unicode) problems.push(`font ${f.name} has no ToUnicode map`);
  }
  return { problems, title, lang, fonts, structure, xmp };
}

/** The text as poppler extracts it, composed (NFC) so that "ễ" compares equal however it was encoded. */
export const pdfText = (file: string): string => run('pdftotext', ['-layout', file, '-']).normalize('NFC');
