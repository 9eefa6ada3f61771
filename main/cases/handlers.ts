import type { IpcRegistry } from '../ipc/registry';
import { answerLater } from '../ipc/answer-later';
import type { AppServices } from '../app/services';
import { diffFields } from '../audit/audit';
import { CIRCULATE_FROM_PANEL, isPackDriven } from './pack-driven';
import { addBoroughs, addNote, assessEligibility, createCase, transitionCase, updateCase, type CaseEnv } from './case-actions';
import { caseDetail } from './case-detail';
import { dashboard, listCases } from './case-list';
import { auditPage } from './audit-views';
import { resyncAllDeadlines } from './deadline-sync';
import { casesByStateForLandlord, partnerOptions } from './partner-lookup';
import { recordChase } from './chase';
import { coverageReport } from './coverage';
import { findDuplicates } from './duplicates';
import { ensureDeadlinesCurrent } from './deadline-upgrade';
import { deadlineRule } from '../../contract/deadline-rules';
import type { DueItem } from '../../contract/case-views';
import { deadlinePolicy, readCasePolicy, writeCasePolicy } from './policy';
import { getCaseRow, readReferral } from './case-store';
import { compareWithBackups } from '../backup/anchors';
import { diffReferrals } from './referral-diff';
import { readListPrivacy } from '../privacy/list-privacy';
import { offerDrivenRefusal } from '../offers/offer-driven';
import { AppFailure } from '../errors';
import { refuseIfAnonymised } from '../rights/anonymised-case';

/** Handlers for cases (issue 4), Home and the audit log. Thin: the work is in the modules they call. */
export function registerCaseHandlers(registry: IpcRegistry, services: AppServices): void {
  const env = (): CaseEnv => {
    ensureDeadlinesCurrent(services);
    return { today: services.today(), policy: readCasePolicy(services.db()) };
  };
  // A handler that has just read the policy passes it on, rather than read and parse it again for the answer.
  const detail = (id: number, e: CaseEnv = env()) => caseDetail(services.db(), id, e.today, e.policy);
  // After an action, the case page as it now is, made only for a caller that reads it (answer-later.ts).
  const detailAfter = (id: number, e: CaseEnv) => answerLater(() => detail(id, e));

  registry.register('cases.referralOptions', () => ({
    partners: partnerOptions(services.db()),
    policy: readCasePolicy(services.db()),
    today: services.today(),
  }));
  registry.register('cases.checkEligibility', (req) => assessEligibility(services.db(), req, readCasePolicy(services.db())));

  registry.register('cases.create', (req) => {
    const e = env();
    const created = services.change((tx) => createCase(tx, req, e));
    services.logger.info('cases.created', { caseId: created.id });
    return created;
  });

  registry.register('cases.get', (req) => detail(req.id));

  registry.register('cases.update', (req) => {
    refuseIfAnonymised(services.db(), req.id);
    const e = env();
    const db = services.db();
    // Saving an unchanged form is not a change: no transaction, no audit entry, no timeline line.
    if (diffReferrals(readReferral(db, getCaseRow(db, req.id)), req.referral).length > 0) {
      services.change((tx) => updateCase(tx, req.id, req.referral, req.reason, e));
    }
    return detailAfter(req.id, e);
  });

  registry.register('cases.transition', (req) => {
    refuseIfAnonymised(services.db(), req.id);
    const e = env();
    // Issue 10: offer states follow the offer rows; the offer actions move the case through the lifecycle.
    const from = getCaseRow(services.db(), req.id).state;
    // Issue 9: a send is recorded with its pack and recipients, so only circulation.send moves a case there.
    if (isPackDriven(from, req.to)) throw new AppFailure('RULE', `${CIRCULATE_FROM_PANEL} Nothing was changed.`);
    const offerRule = offerDrivenRefusal(services.db(), req.id, from, req.to);
    if (offerRule !== null) throw new AppFailure('RULE', `${offerRule} Nothing was changed.`);
    services.change((tx) => transitionCase(tx, req, e));
    services.logger.info('cases.transition', { caseId: req.id, to: req.to });
    return detailAfter(req.id, e);
  });

  registry.register('cases.addNote', (req) => {
    refuseIfAnonymised(services.db(), req.id);
    const e = env();
    services.change((tx) => addNote(tx, req, e));
    return detailAfter(req.id, e);
  });

  registry.register('cases.addBoroughs', (req) => {
    refuseIfAnonymised(services.db(), req.id);
    const e = env();
    services.change((tx) => addBoroughs(tx, req, e));
    return detailAfter(req.id, e);
  });

  registry.register('cases.list', (req) => {
    const e = env();
    const page = listCases(services.db(), req, e.today, e.policy, { showNames: readListPrivacy(services.db()).showNamesInLists });
    // Each due date with its rule in words, as on the case page and Home (issue 7): only the visible page's rows.
    return {
      ...page,
      rows: page.rows.map((r) => (r.nextDue ? { ...r, nextDue: { ...r.nextDue, rule: deadlineRule(r.nextDue.kind, e.policy, r.state) } } : r)),
    };
  });

  registry.register('cases.dashboard', () => {
    const e = env();
    const board = dashboard(services.db(), e.today, e.policy);
    // Each due date with its rule in words, as on the case page.
    const explain = (items: DueItem[]) => items.map((i) => ({ ...i, deadline: { ...i.deadline, rule: deadlineRule(i.deadline.kind, e.policy, i.state) } }));
    return { ...board, overdue: explain(board.overdue), dueSoon: explain(board.dueSoon) };
  });

  registry.register('cases.recordChase', (req) => {
    refuseIfAnonymised(services.db(), req.id);
    const e = env();
    services.change((tx) => recordChase(tx, req, e));
    services.logger.info('cases.chased', { caseId: req.id, who: req.who });
    return detailAfter(req.id, e);
  });

  registry.register('cases.findDuplicates', (req) => findDuplicates(services.db(), req));
  registry.register('cases.coverage', (req) => coverageReport(services.db(), req.boroughs));
  registry.register('cases.countByLandlord', (req) => casesByStateForLandlord(services.db(), req.partnerId));

  registry.register('cases.getPolicy', () => readCasePolicy(services.db()));

  registry.register('cases.updatePolicy', (req) =>
    services.change((tx) => {
      const before = readCasePolicy(tx.db);
      const changes = diffFields(before, req, [
        'circulateWithinWorkingDays',
        'chaseApprovalAfterWorkingDays',
        'chaseIntervalWorkingDays',
        'reviewNoOfferAfterWorkingDays',
        'noProgressWorkingDays',
        'minApplicantAge',
        'dueSoonDays',
        'minRequestedBoroughs',
        'offerCap',
        'bankHolidays',
      ]);
      writeCasePolicy(tx.db, req);
      // Due dates are stored for fast queries; a policy change moves them all.
      const moved = resyncAllDeadlines(tx.db, deadlinePolicy(req));
      tx.audit({
        action: 'settings.case_policy_updated',
        entityType: 'settings',
        entityId: 'cases.policy',
        summary:
          changes.length === 0 ? 'Case policy saved with no change' : `Case policy changed; ${moved} ${moved === 1 ? 'case has' : 'cases have'} a new due date`,
        changes,
      });
      return req;
    }),
  );

  registry.register('audit.list', (req) => auditPage(services.db(), req));
  // On the job runner: the chain takes about 2 s at 50,000 cases, and main must keep answering meanwhile.
  registry.register('audit.verify', async () => {
    const chain = await services.jobs.run('audit.chain', {});
    // The chain must also agree with the heads sealed in the backup files it can see (issue 12), read on the runner.
    const anchors = chain.ok ? await compareWithBackups(services.jobs) : null;
    const anchor = anchors?.problem ?? null;
    const checked = anchor ? { ok: false, entries: chain.entries, firstBadId: anchor.firstBadId, problem: anchor.problem } : chain;
    const report = { ...checked, anchorNotes: anchors?.notes ?? [], checkedAt: services.now().toISOString() };
    services.logger.info('audit.verified', { ok: report.ok ? 1 : 0, entries: report.entries });
    return report;
  });
}
