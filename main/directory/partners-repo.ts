import { sortBoroughCodes } from '../../contract/boroughs';
import type { BoroughCode } from '../../contract/boroughs';
import { contactKey, partnerNameKey } from '../../contract/partners';
import type {
  Contact,
  ContactKind,
  Partner,
  PartnerInput,
  PartnerListQuery,
  PartnerStatus,
  PartnerSummary,
  PartnerType,
  PartnerUpdate,
} from '../../contract/partners';
import type { Db } from '../db/types';
import { AppFailure } from '../errors';

// Partners and their contacts in the store. Functions take the db first and run inside the caller's transaction;
// they check what only the store can know (a name already taken, a missing id). Rules about the data itself are
// the contract's zod schemas, already applied at the IPC edge.

interface PartnerRow {
  id: number;
  name: string;
  type: PartnerType;
  status: PartnerStatus;
  status_changed_on: string;
  joined_on: string;
  approval_route_notes: string;
}

interface ContactRow {
  id: number;
  partner_id: number;
  kind: ContactKind;
  name: string;
  role: string;
  phone: string;
  email: string;
  secure_email: string;
}

const KIND_ORDER = "CASE kind WHEN 'named_lead' THEN 0 WHEN 'lettings' THEN 1 ELSE 2 END";

function toContact(row: ContactRow): Contact {
  return { id: row.id, kind: row.kind, name: row.name, role: row.role, phone: row.phone, email: row.email, secureEmail: row.secure_email };
}

function boroughsOf(db: Db, partnerId: number): BoroughCode[] {
  const codes = db.prepare('SELECT borough_code FROM partner_stock_boroughs WHERE partner_id = ?', { pluck: true }).all([partnerId]) as BoroughCode[];
  return sortBoroughCodes(codes);
}

function contactsOf(db: Db, partnerId: number): Contact[] {
  const rows = db
    .prepare(`SELECT * FROM contacts WHERE partner_id = ? AND removed_at IS NULL ORDER BY ${KIND_ORDER}, name_key, id`)
    .all([partnerId]) as unknown as ContactRow[];
  return rows.map(toContact);
}

/** The fields a partner shows both in the list and on its own page. */
function partnerBasics(db: Db, row: PartnerRow) {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status,
    statusChangedOn: row.status_changed_on,
    joinedOn: row.joined_on,
    stockBoroughs: boroughsOf(db, row.id),
  };
}

export function aliasesOf(db: Db, partnerId: number): string[] {
  return db.prepare('SELECT alias FROM partner_aliases WHERE partner_id = ? ORDER BY alias_key', { pluck: true }).all([partnerId]) as string[];
}

function toPartner(db: Db, row: PartnerRow): Partner {
  return {
    ...partnerBasics(db, row),
    approvalRouteNotes: row.approval_route_notes,
    contacts: contactsOf(db, row.id),
    aliases: aliasesOf(db, row.id),
  };
}

export function findPartner(db: Db, id: number): Partner | null {
  const row = db.prepare('SELECT * FROM partners WHERE id = ?').get([id]) as unknown as PartnerRow | undefined;
  return row === undefined ? null : toPartner(db, row);
}

export function getPartner(db: Db, id: number): Partner {
  const partner = findPartner(db, id);
  if (partner === null) throw new AppFailure('NOT_FOUND', 'That partner is not in the directory. Nothing was changed.');
  return partner;
}

export function findPartnerByName(db: Db, name: string): Partner | null {
  const row = db.prepare('SELECT * FROM partners WHERE name_key = ?').get([partnerNameKey(name)]) as unknown as PartnerRow | undefined;
  return row === undefined ? null : toPartner(db, row);
}

/** Every partner, whole, in name order: for export and for planning an import. */
export function allPartners(db: Db): Partner[] {
  const rows = db.prepare('SELECT * FROM partners ORDER BY name_key').all() as unknown as PartnerRow[];
  return rows.map((row) => toPartner(db, row));
}

function assertNameFree(db: Db, name: string, exceptId: number | null): void {
  const clash = db.prepare('SELECT id, name FROM partners WHERE name_key = ?').get([partnerNameKey(name)]) as { id: number; name: string } | undefined;
  if (clash !== undefined && clash.id !== exceptId) {
    throw new AppFailure('CONFLICT', `A partner called “${clash.name}” is already in the directory. Nothing was saved.`, {
      fields: { name: 'A partner with this name is already in the directory' },
    });
  }
  const alias = aliasOwner(db, name);
  if (alias !== undefined && alias.id !== exceptId) {
    throw new AppFailure('CONFLICT', `“${name}” is another name of ${alias.name} in the directory. Nothing was saved.`, {
      fields: { name: `This is another name of ${alias.name}` },
    });
  }
}

function aliasOwner(db: Db, name: string): { id: number; name: string } | undefined {
  return db.prepare('SELECT p.id, p.name FROM partner_aliases a JOIN partners p ON p.id = a.partner_id WHERE a.alias_key = ?').get([partnerNameKey(name)]) as
    { id: number; name: string } | undefined;
}

/**
 * Other names belong to one partner each, and cannot be another partner's name: the registered check must never
 * have two answers for one name.
 */
function writeAliases(db: Db, partnerId: number, aliases: readonly string[]): void {
  db.prepare('DELETE FROM partner_aliases WHERE partner_id = ?').run([partnerId]);
  const insert = db.prepare('INSERT INTO partner_aliases (partner_id, alias, alias_key) VALUES (?, ?, ?)');
  aliases.forEach((alias, index) => {
    const key = partnerNameKey(alias);
    const named = db.prepare('SELECT id, name FROM partners WHERE name_key = ?').get([key]) as { id: number; name: string } | undefined;
    const owner = named ?? aliasOwner(db, alias);
    if (owner !== undefined && owner.id !== partnerId) {
      const what = named !== undefined ? `the name of ${owner.name}` : `already another name of ${owner.name}`;
      throw new AppFailure('CONFLICT', `“${alias}” is ${what}. Nothing was saved.`, {
        fields: { [`aliases.${index}`]: `This is ${what}` },
      });
    }
    if (owner === undefined) insert.run([partnerId, alias, key]);
  });
}

function writeBoroughs(db: Db, partnerId: number, codes: readonly BoroughCode[]): void {
  db.prepare('DELETE FROM partner_stock_boroughs WHERE partner_id = ?').run([partnerId]);
  const insert = db.prepare('INSERT INTO partner_stock_boroughs (partner_id, borough_code) VALUES (?, ?)');
  for (const code of new Set(codes)) insert.run([partnerId, code]);
}

/**
 * Brings the partner's current contacts in line with `contacts`. A contact with an id is updated in place; one
 * without is matched to a current contact of the same kind and name, else added. Current contacts not in the list
 * are retired (removed_at), not deleted, so that later records can still point at them.
 */
function writeContacts(db: Db, partnerId: number, contacts: readonly Contact[], now: string): void {
  const current = contactsOf(db, partnerId);
  const byId = new Map(current.map((c) => [c.id, c]));
  for (const c of contacts) {
    if (c.id !== undefined && !byId.has(c.id)) {
      throw new AppFailure('CONFLICT', 'One of the contacts was changed or removed elsewhere. Reload the partner and try again. Nothing was saved.');
    }
  }
  // Contacts named by id are claimed first; only the rest can be matched by kind and name.
  const claimed = new Set(contacts.flatMap((c) => (c.id === undefined ? [] : [c.id])));
  const byKey = new Map(current.filter((c) => c.id !== undefined && !claimed.has(c.id)).map((c) => [contactKey(c), c.id]));
  const plan = contacts.map((c) => {
    const id = c.id ?? byKey.get(contactKey(c));
    if (id !== undefined) {
      claimed.add(id);
      byKey.delete(contactKey(c));
    }
    return { contact: c, id };
  });
  const retire = db.prepare('UPDATE contacts SET removed_at = ?, updated_at = ? WHERE id = ?');
  for (const c of current) if (c.id !== undefined && !claimed.has(c.id)) retire.run([now, now, c.id]);
  // Park the kept contacts' name keys first, so that two contacts swapping names never trip the unique index.
  const park = db.prepare("UPDATE contacts SET name_key = ' ' || id WHERE id = ?"); // keys are trimmed: a leading space is free
  for (const { id } of plan) if (id !== undefined) park.run([id]);
  const update = db.prepare(
    `UPDATE contacts SET kind = $kind, name = $name, name_key = $name_key, role = $role, phone = $phone, email = $email,
       secure_email = $secure_email, updated_at = $now WHERE id = $id`,
  );
  const insert = db.prepare(
    `INSERT INTO contacts (partner_id, kind, name, name_key, role, phone, email, secure_email, created_at, updated_at)
     VALUES ($partner_id, $kind, $name, $name_key, $role, $phone, $email, $secure_email, $now, $now)`,
  );
  for (const { contact: c, id } of plan) {
    const values = {
      kind: c.kind,
      name: c.name,
      name_key: partnerNameKey(c.name),
      role: c.role,
      phone: c.phone,
      email: c.email,
      secure_email: c.secureEmail,
      now,
    };
    if (id === undefined) insert.run({ ...values, partner_id: partnerId });
    else update.run({ ...values, id });
  }
}

export function insertPartner(db: Db, input: PartnerInput, now: Date): Partner {
  assertNameFree(db, input.name, null);
  const at = now.toISOString();
  const result = db
    .prepare(
      `INSERT INTO partners (name, name_key, type, status, status_changed_on, joined_on, approval_route_notes, created_at, updated_at)
       VALUES ($name, $name_key, $type, $status, $status_changed_on, $joined_on, $notes, $at, $at)`,
    )
    .run({
      name: input.name,
      name_key: partnerNameKey(input.name),
      type: input.type,
      status: input.status,
      status_changed_on: input.statusChangedOn,
      joined_on: input.joinedOn,
      notes: input.approvalRouteNotes,
      at,
    });
  const id = Number(result.lastInsertRowid);
  writeBoroughs(db, id, input.stockBoroughs);
  writeAliases(db, id, input.aliases);
  writeContacts(
    db,
    id,
    input.contacts.map(({ id: _ignored, ...c }) => c),
    at,
  );
  return getPartner(db, id);
}

export function updatePartner(db: Db, update: PartnerUpdate, now: Date): Partner {
  getPartner(db, update.id);
  assertNameFree(db, update.name, update.id);
  const at = now.toISOString();
  db.prepare(
    `UPDATE partners SET name = $name, name_key = $name_key, type = $type, status = $status, status_changed_on = $status_changed_on,
       joined_on = $joined_on, approval_route_notes = $notes, updated_at = $at WHERE id = $id`,
  ).run({
    id: update.id,
    name: update.name,
    name_key: partnerNameKey(update.name),
    type: update.type,
    status: update.status,
    status_changed_on: update.statusChangedOn,
    joined_on: update.joinedOn,
    notes: update.approvalRouteNotes,
    at,
  });
  writeBoroughs(db, update.id, update.stockBoroughs);
  writeAliases(db, update.id, update.aliases);
  writeContacts(db, update.id, update.contacts, at);
  return getPartner(db, update.id);
}

export function setPartnerStatus(db: Db, id: number, status: PartnerStatus, statusChangedOn: string, now: Date): Partner {
  const before = getPartner(db, id);
  if (status === 'active' && !before.contacts.some((c) => c.kind === 'named_lead')) {
    throw new AppFailure('RULE', `${before.name} has no Named Lead, so it cannot be made active. Add a Named Lead first. Nothing was changed.`, {
      fields: { status: 'An active partner needs at least one Named Lead' },
    });
  }
  if (statusChangedOn < before.joinedOn) {
    throw new AppFailure('RULE', 'The status cannot have changed before the partner joined. Nothing was changed.', {
      fields: { statusChangedOn: 'The status cannot have changed before the partner joined' },
    });
  }
  db.prepare('UPDATE partners SET status = ?, status_changed_on = ?, updated_at = ? WHERE id = ?').run([status, statusChangedOn, now.toISOString(), id]);
  return getPartner(db, id);
}

/** `%` and `_` typed by a coordinator are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Whitelisted sort columns: user input never reaches the SQL text.
const SORT_SQL: Record<PartnerListQuery['sort'], string> = {
  name: 'p.name_key',
  type: 'p.type',
  status: "CASE p.status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END",
  joinedOn: 'p.joined_on',
};

export function listPartners(db: Db, query: PartnerListQuery): PartnerSummary[] {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (query.search !== '') {
    // Name, or any current contact's name or email: "who is Jo Bloggs with?" is a common question.
    where.push(`(p.name_key LIKE $q ESCAPE '\\' OR EXISTS (
      SELECT 1 FROM contacts c WHERE c.partner_id = p.id AND c.removed_at IS NULL
        AND (c.name_key LIKE $q ESCAPE '\\' OR lower(c.email) LIKE $q ESCAPE '\\' OR lower(c.secure_email) LIKE $q ESCAPE '\\')))`);
    params['q'] = likePattern(partnerNameKey(query.search));
  }
  if (query.type !== undefined) {
    where.push('p.type = $type');
    params['type'] = query.type;
  }
  if (query.status !== undefined) {
    where.push('p.status = $status');
    params['status'] = query.status;
  }
  if (query.borough !== undefined) {
    where.push('EXISTS (SELECT 1 FROM partner_stock_boroughs s WHERE s.partner_id = p.id AND s.borough_code = $borough)');
    params['borough'] = query.borough;
  }
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const sql = `SELECT p.* FROM partners p ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_SQL[query.sort]} ${direction}, p.name_key ${direction}, p.id`;
  // The driver refuses named parameters for a statement that has none.
  const statement = db.prepare(sql);
  const rows = (where.length > 0 ? statement.all(params) : statement.all()) as unknown as PartnerRow[];

  const leads = db.prepare(`SELECT kind, name FROM contacts WHERE partner_id = ? AND removed_at IS NULL ORDER BY ${KIND_ORDER}, name_key`);
  return rows.map((row) => {
    const contacts = leads.all([row.id]) as unknown as { kind: ContactKind; name: string }[];
    return {
      ...partnerBasics(db, row),
      namedLeads: contacts.filter((c) => c.kind === 'named_lead').map((c) => c.name),
      contactCount: contacts.length,
    };
  });
}

export function partnerRowByName(db: Db, name: string): PartnerRow | null {
  return (db.prepare('SELECT * FROM partners WHERE name_key = ?').get([partnerNameKey(name)]) as unknown as PartnerRow | undefined) ?? null;
}

/** How many active partners hold stock in each borough; boroughs with none are included with 0. */
export function coverageByBorough(db: Db): { code: BoroughCode; activePartners: number }[] {
  return db
    .prepare(
      `SELECT b.code AS code, count(p.id) AS activePartners
       FROM boroughs b
       LEFT JOIN partner_stock_boroughs s ON s.borough_code = b.code
       LEFT JOIN partners p ON p.id = s.partner_id AND p.status = 'active'
       GROUP BY b.code ORDER BY b.code`,
    )
    .all() as unknown as { code: BoroughCode; activePartners: number }[];
}

/**
 * The distribution list for a circulation: every active partner with stock in any of the boroughs. For the cases
 * and circulation issues; here because it is a question about the directory.
 */
export function activePartnersWithStockIn(db: Db, boroughs: readonly BoroughCode[]): Partner[] {
  if (boroughs.length === 0) return [];
  const placeholders = boroughs.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT p.* FROM partners p WHERE p.status = 'active' AND EXISTS (
         SELECT 1 FROM partner_stock_boroughs s WHERE s.partner_id = p.id AND s.borough_code IN (${placeholders}))
       ORDER BY p.name_key`,
    )
    .all([...boroughs]) as unknown as PartnerRow[];
  return rows.map((row) => toPartner(db, row));
}

export type { PartnerRow };
