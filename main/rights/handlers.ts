import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import type { IpcRegistry } from '../ipc/registry';
import { AppFailure } from '../errors';
import { formatUkDate } from '../../contract/dates';
import type { AnonymiseResult } from '../../contract/rights';
import { anonymiseCase, anonymisationEntries, redactionDeclaration, type AnonymisedCase } from './anonymise';
import { anonymiseEnquiries, enquiriesDueForRetention } from './enquiry-retention';
import { casesDueForRetention, countAnonymised, readRetentionPolicy, writeRetentionPolicy, yearsBefore } from './retention';
import { mergeNameIndex, scrubFile } from './scrub';
import { eraseRefusal } from './erasure-rules';
import { registerSubjectAccessHandler } from './subject-access-handler';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const summarise = (done: readonly AnonymisedCase[], enquiries: { count: number; redactions: number } = { count: 0, redactions: 0 }): AnonymiseResult => ({
  anonymised: done.length,
  references: done.map((c) => c.reference),
  auditEntriesRedacted: done.reduce((n, c) => n + c.redactions.length, 0) + enquiries.redactions,
  enquiriesAnonymised: enquiries.count,
});

/** Retention (Settings → Data retention), erasure of one case, and the subject access export. */
export function registerRightsHandlers(registry: IpcRegistry, services: AppServices): void {
  registry.register('rights.getRetention', () => readRetentionPolicy(services.db()));

  registry.register('rights.updateRetention', (req) =>
    services.change((tx) => {
      const before = readRetentionPolicy(tx.db);
      const changes = diffFields(before, req, ['closedMoreThanYears']);
      writeRetentionPolicy(tx.db, req);
      tx.audit({
        action: 'settings.retention_policy_updated',
        entityType: 'settings',
        entityId: 'rights.retention',
        summary:
          changes.length === 0
            ? 'Retention policy saved with no change'
            : `Retention policy: cases closed more than ${req.closedMoreThanYears} ${req.closedMoreThanYears === 1 ? 'year' : 'years'} ago are anonymised`,
        changes,
      });
      return req;
    }),
  );

  registry.register('rights.retentionPreview', () => {
    const db = services.db();
    const policy = readRetentionPolicy(db);
    const closedBefore = yearsBefore(services.today(), policy.closedMoreThanYears);
    const due = casesDueForRetention(db, closedBefore);
    return {
      policy,
      closedBefore,
      count: due.length,
      sample: due.slice(0, 10).map((c) => c.reference),
      alreadyAnonymised: countAnonymised(db),
      enquiries: enquiriesDueForRetention(db, closedBefore).length,
    };
  });

  registry.register('rights.retentionRun', (req) => {
    const done = services.change((tx) => {
      const policy = readRetentionPolicy(tx.db);
      const closedBefore = yearsBefore(services.today(), policy.closedMoreThanYears);
      const due = casesDueForRetention(tx.db, closedBefore);
      const enquiries = enquiriesDueForRetention(tx.db, closedBefore);
      // What runs must be what the coordinator confirmed: a policy change or a day passing since the preview
      // could cover other cases or enquiries.
      if (closedBefore !== req.closedBefore || due.length !== req.expectedCount || enquiries.length !== req.expectedEnquiries) {
        throw new AppFailure(
          'CONFLICT',
          `The cases covered have changed since the preview (now ${due.length} closed before ${formatUkDate(closedBefore)}, and ${plural(enquiries.length, 'enquiry', 'enquiries')} with notes received before then). Preview again, then confirm. Nothing was changed.`,
        );
      }
      const cases = due.map((c) => anonymiseCase(tx.db, c.id, 'retention', tx.now));
      if (cases.length > 0) {
        mergeNameIndex(tx.db);
        for (const entry of anonymisationEntries(cases, 'retention', null)) tx.audit(entry);
      }
      const enquiryRedactions = anonymiseEnquiries(tx.db, enquiries, tx.now);
      if (enquiries.length > 0) {
        tx.audit(
          redactionDeclaration(
            enquiryRedactions,
            `${plural(enquiryRedactions.length, 'audit entry', 'audit entries')} of ${plural(enquiries.length, 'enquiry', 'enquiries')} had their notes erased`,
          ),
        );
      }
      tx.audit({
        action: 'rights.retention_run',
        entityType: 'settings',
        entityId: 'rights.retention',
        summary: `Retention policy applied: ${plural(cases.length, 'case', 'cases')} closed before ${formatUkDate(closedBefore)} anonymised${enquiries.length > 0 ? `; notes erased from ${plural(enquiries.length, 'enquiry', 'enquiries')} received before then` : ''}`,
      });
      return { cases, enquiries: { count: enquiries.length, redactions: enquiryRedactions.length } };
    });
    scrubFile(services.db(), services.logger);
    return summarise(done.cases, done.enquiries);
  });

  registry.register('rights.erase', (req) => {
    const done = services.change((tx) => {
      const row = tx.db
        .prepare('SELECT id, reference, state, anonymised_at FROM cases WHERE id = ?')
        .get<{ id: number; reference: string; state: string; anonymised_at: string | null }>([req.caseId]);
      if (row === undefined) throw new AppFailure('NOT_FOUND', 'That case could not be found. Nothing was changed.');
      const refusal = eraseRefusal(tx.db, row);
      if (refusal !== null) throw new AppFailure('RULE', refusal);
      if (req.confirmReference.toUpperCase() !== row.reference) {
        throw new AppFailure('VALIDATION', `Type the case reference ${row.reference} to confirm. Nothing was changed.`, {
          fields: { confirmReference: `Type ${row.reference} exactly` },
        });
      }
      const cases = [anonymiseCase(tx.db, row.id, 'erasure', tx.now)];
      mergeNameIndex(tx.db);
      for (const entry of anonymisationEntries(cases, 'erasure', req.reason)) tx.audit(entry);
      return cases;
    });
    scrubFile(services.db(), services.logger);
    return summarise(done);
  });

  registerSubjectAccessHandler(registry, services);
}
