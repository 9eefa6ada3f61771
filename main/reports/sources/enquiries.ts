import { ENQUIRY_REASON_LABELS, ENQUIRY_REASONS } from '../../../contract/enquiries';
import { hasTable, type CountsModel, type SourceContext, type TableModel } from '../model';

/*
 * Enquiries that never became referrals, by why they could not go ahead. They hold no identity, so a count has no
 * case behind it to list; the notes a coordinator typed are free text and never reach a report.
 */
export function enquiryReasons(ctx: SourceContext): TableModel {
  if (!hasTable(ctx.db, 'enquiries')) {
    return { kind: 'not_recorded', id: 'enquiry_reasons', title: 'Enquiries that did not become referrals', note: 'Not recorded yet.' };
  }
  const count = (from: string, to: string) =>
    new Map(
      ctx.db
        .prepare('SELECT reason, count(*) AS n FROM enquiries WHERE received_on BETWEEN ? AND ? GROUP BY reason')
        .all<{ reason: string; n: number }>([from, to])
        .map((r) => [r.reason, r.n]),
    );
  const now = count(ctx.period.from, ctx.period.to);
  const before = count(ctx.previous.from, ctx.previous.to);
  const reasons = ENQUIRY_REASONS.filter((r) => now.has(r) || before.has(r));
  const model: CountsModel = {
    kind: 'counts',
    id: 'enquiry_reasons',
    title: 'Enquiries that did not become referrals',
    note: 'Enquiries recorded in each period that could not go ahead as a referral, by the coded reason. They are kept with no identity, so no case stands behind them.',
    rowLabels: reasons.map((r) => ENQUIRY_REASON_LABELS[r]),
    columnLabels: ['This period', 'Previous period'],
    cells: reasons.map((r) => [
      { count: now.get(r) ?? 0, refs: [] },
      { count: before.get(r) ?? 0, refs: [] },
    ]),
    totals: 'columns',
  };
  return model;
}
