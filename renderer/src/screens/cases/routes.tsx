import { useParams, type RouteObject } from 'react-router';
import { AuditScreen } from './AuditScreen';
import { CaseListScreen } from './CaseListScreen';
import { CaseScreen } from './CaseScreen';
import { HomeScreen } from './HomeScreen';
import { ReferralScreen } from './ReferralScreen';
import { EnquiryScreen } from '../enquiries/EnquiryScreen';

/** Routes of cases, the home dashboard and the audit log (issue 4). */
export const caseRoutes: RouteObject[] = [
  { index: true, element: <HomeScreen /> },
  { path: 'cases', element: <CaseListScreen /> },
  // Keyed, so that moving between cases (or new and edit) never carries one form's state into another.
  { path: 'cases/new', element: <ReferralScreen key="new" /> },
  { path: 'cases/:id', element: <KeyedCase /> },
  { path: 'cases/:id/edit', element: <KeyedEdit /> },
  { path: 'audit', element: <AuditScreen /> },
  // Enquiries that do not become cases (issue 7): reached from Home and the referral form.
  { path: 'enquiries/new', element: <EnquiryScreen /> },
];

function KeyedCase() {
  return <CaseScreen key={useParams()['id']} />;
}

function KeyedEdit() {
  return <ReferralScreen key={`edit-${useParams()['id'] ?? ''}`} />;
}
