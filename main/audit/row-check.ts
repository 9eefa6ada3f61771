import type { Db } from '../db/types';
import { asOfOneMoment } from '../db/one-moment';
import { verifyAuditChain, type AuditRow, type ChainOptions, type ChainReport } from './audit';
import { AUDITED_ROWS, digesterV1, presentKinds, type AuditedRowKind, type RowDigest } from './audited-rows';
import { allRowDigests, quote, V2 } from './row-text';

/*
 * The second half of the audit check: does the data match what its audit history says? The chain (audit.ts) proves
 * the log was not edited in place; this proves that each audited row is what the newest entry that touched it
 * recorded. Together they catch a change made with no audit entry, rows added or deleted behind the app's back, and
 * audit entries deleted from the end of the log when the rows they recorded are still there.
 */

interface Recorded {
  digest: string;
  auditId: number;
  summary: string;
}

export interface RowCheckReport {
  ok: boolean;
  /** Audited rows compared. */
  rows: number;
  /** How many rows disagree; the report names the first. */
  disagreements: number;
  /** The audit entry that last recorded the first disagreeing row, if any did. */
  firstBadId: number | null;
  problem: string | null;
}

type DigestEntry = Pick<AuditRow, 'id' | 'summary' | 'row_digests'>;

/** Notes an entry's row digests over any older ones: fed in id order, the map ends with each row's newest. */
function digestCollector(recorded: Map<string, Recorded>): (row: DigestEntry) => void {
  return (row) => {
    if (row.row_digests === null || row.row_digests === undefined) return;
    let digests: RowDigest[] = [];
    try {
      digests = JSON.parse(row.row_digests) as RowDigest[];
    } catch {
      // A chain that verifies cannot hold unreadable digests; if it somehow does, its rows show as unrecorded.
    }
    for (const [kind, id, digest] of digests) recorded.set(`${kind}:${id}`, { digest, auditId: row.id, summary: row.summary });
  };
}

/** The newest recorded digest of each audited row, from the whole log (paged, in id order). */
function recordedDigests(db: Db): Map<string, Recorded> {
  const recorded = new Map<string, Recorded>();
  const note = digestCollector(recorded);
  const page = db.prepare('SELECT id, summary, row_digests FROM audit_log WHERE row_digests IS NOT NULL AND id > $after ORDER BY id LIMIT 500');
  let after = 0;
  for (;;) {
    const rows = page.all<DigestEntry>({ after });
    if (rows.length === 0) break;
    for (const row of rows) {
      note(row);
      after = row.id;
    }
  }
  return recorded;
}

function entryWords(r: Recorded): string {
  return `entry ${r.auditId}, “${r.summary}”`;
}

/**
 * Compares every audited row with the digest its newest audit entry recorded. `recorded`: those digests, when the
 * caller has already read them from the log (the whole check does, while it walks the chain).
 */
export function verifyAuditedRows(
  db: Db,
  kinds: readonly AuditedRowKind[] = AUDITED_ROWS,
  recorded = recordedDigests(db),
  progress: ChainOptions['progress'] = null,
): RowCheckReport {
  const present = presentKinds(db, kinds);
  const total = progress ? present.reduce((n, k) => n + Number(db.prepare(`SELECT count(*) FROM ${quote(k.table)}`, { pluck: true }).get()), 0) : 0;
  let rows = 0;
  let disagreements = 0;
  let first: { problem: string; auditId: number | null } | null = null;
  const disagree = (problem: string, auditId: number | null) => {
    disagreements++;
    first ??= { problem, auditId };
  };

  progress?.onProgress(0, total);
  for (const kind of present) {
    // Entries from before version 2 recorded version 1 digests: those rows are recomputed that way (made once needed).
    let v1: ((id: number) => string | null) | null = null;
    const seen = new Set<number>();
    for (const { id, label: name, digest } of allRowDigests(db, kind)) {
      if (++rows % 1000 === 0 && progress) {
        progress.throwIfCancelled();
        progress.onProgress(rows, total);
      }
      seen.add(id);
      const who = `${kind.noun} ${name === null || name === undefined ? `number ${id}` : String(name)}`;
      const r = recorded.get(`${kind.kind}:${id}`);
      if (r === undefined) {
        disagree(`${who} has no audit entry: it was added to the database directly, not through Reciprocal.`, null);
      } else if (r.digest === 'removed') {
        disagree(`${who} was recorded as removed (${entryWords(r)}) but is in the database again: it was put back directly.`, r.auditId);
      } else if (r.digest !== (r.digest.startsWith(V2) ? digest : (v1 ??= digesterV1(db, kind))(id))) {
        disagree(
          `${who} is not as the audit log last recorded it (${entryWords(r)}): it was changed without an audit entry, or audit entries after that one were removed.`,
          r.auditId,
        );
      }
    }
    for (const [key, r] of recorded) {
      const [k, idText] = key.split(':');
      if (k !== kind.kind || r.digest === 'removed' || seen.has(Number(idText))) continue;
      disagree(`${kind.noun} number ${idText} is in the audit log (${entryWords(r)}) but no longer in the database: it was deleted directly.`, r.auditId);
    }
  }
  const found = first as { problem: string; auditId: number | null } | null;
  return { ok: disagreements === 0, rows, disagreements, firstBadId: found?.auditId ?? null, problem: found?.problem ?? null };
}

/** A point in the chain kept somewhere else (a backup's manifest): how many entries there were and the last hash. */
export interface ChainAnchor {
  entries: number;
  headHash: string;
  /** Where the anchor came from, for the report: "the backup of 27/11/2026". */
  source: string;
}

/** The chain's head now, to be kept with a backup and compared later. */
export function chainHead(db: Db): { entries: number; headHash: string | null } {
  const row = db
    .prepare('SELECT count(*) AS entries, (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS head FROM audit_log')
    .get<{ entries: number; head: string | null }>();
  return { entries: row?.entries ?? 0, headHash: row?.head ?? null };
}

/**
 * An anchor taken earlier must still be in the chain: the entry at its position must have its hash. A chain rewritten
 * from some point on (every hash recomputed so that it verifies again) or cut short fails here, which nothing inside
 * the database alone could show.
 */
export function verifyAnchor(db: Db, anchor: ChainAnchor): { ok: boolean; problem: string | null } {
  if (anchor.entries === 0) return { ok: true, problem: null };
  const hash = db.prepare('SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?', { pluck: true }).get([anchor.entries - 1]) as string | undefined;
  if (hash === undefined) {
    const { entries } = chainHead(db);
    return {
      ok: false,
      problem: `The audit log has ${entries} entries, but ${anchor.source} recorded ${anchor.entries}: the newest entries were removed.`,
    };
  }
  if (hash !== anchor.headHash) {
    return {
      ok: false,
      problem: `Audit entry ${anchor.entries} is not the one ${anchor.source} recorded: the audit log was rewritten up to that point.`,
    };
  }
  return { ok: true, problem: null };
}

export interface AuditCheck extends ChainReport {
  rows: number;
}

/** Where the whole check is: walking the chain, then comparing each record with it. */
export type AuditCheckStage = 'chain' | 'rows';

export interface AuditCheckProgress {
  onProgress(done: number, total: number, stage: AuditCheckStage): void;
  throwIfCancelled(): void;
}

/**
 * The whole audit check: the chain first (an edited log explains everything after it), then the rows, then anchors.
 * All of it reads the database as of one moment (one read transaction): the app's window may save a note while the
 * check runs on its own connection, and without one snapshot the rows would be read after the entries that recorded
 * them, and a change made meanwhile would look like one made behind the app's back.
 */
export function verifyAuditLog(db: Db, anchors: readonly ChainAnchor[] = [], progress?: AuditCheckProgress | null): AuditCheck {
  return asOfOneMoment(db, () => checkAsOfNow(db, anchors, progress ?? null));
}

function checkAsOfNow(db: Db, anchors: readonly ChainAnchor[], progress: AuditCheckProgress | null): AuditCheck {
  const stage = (s: AuditCheckStage): ChainOptions['progress'] =>
    progress && { onProgress: (done, total) => progress.onProgress(done, total, s), throwIfCancelled: () => progress.throwIfCancelled() };
  const recorded = new Map<string, Recorded>();
  const chain = verifyAuditChain(db, { progress: stage('chain'), onEntry: digestCollector(recorded) });
  if (!chain.ok) return { ...chain, rows: 0 };
  const rows = verifyAuditedRows(db, AUDITED_ROWS, recorded, stage('rows'));
  if (!rows.ok) {
    const more = rows.disagreements > 1 ? ` ${rows.disagreements - 1} more ${rows.disagreements === 2 ? 'record disagrees' : 'records disagree'} too.` : '';
    return { ok: false, entries: chain.entries, firstBadId: rows.firstBadId, problem: `${rows.problem}${more}`, rows: rows.rows };
  }
  for (const anchor of anchors) {
    const result = verifyAnchor(db, anchor);
    if (!result.ok) return { ok: false, entries: chain.entries, firstBadId: null, problem: result.problem, rows: rows.rows };
  }
  return { ...chain, rows: rows.rows };
}
