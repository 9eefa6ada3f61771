import type { AppServices } from '../app/services';
import { transitionCase } from '../cases/case-actions';
import { readCasePolicy } from '../cases/policy';

/*
 * Issue 9 refuses a plain state change to 'Circulated' over IPC: a real send goes through `circulation.send`, which
 * asks where to save the pack. Demo data has no one to answer that dialog, and a pack per made-up case would make
 * filling the demo store many times slower, so the generator circulates through the lifecycle itself, with its checks,
 * timeline line and audit entry. Its cases then show, truthfully, as circulated without a recorded pack. Reached only
 * from `demo.fill`, which refuses outside the demonstration store.
 */
export function circulateForDemo(services: AppServices, caseId: number): void {
  const env = { today: services.today(), policy: readCasePolicy(services.db()) };
  services.change((tx) => transitionCase(tx, { id: caseId, to: 'circulated' }, env));
}
