import type { RouteObject } from 'react-router';
import { ComingScreen } from '../placeholders/ComingScreen';

/** Routes of cases, the home dashboard and the audit log (issue 4). */
export const caseRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <ComingScreen name="home" title="Home" heading="Nothing needs you today">
        Overdue and due-soon cases, cases by state and recent activity will appear here.
      </ComingScreen>
    ),
  },
  {
    path: 'cases',
    element: (
      <ComingScreen name="cases" title="Cases" heading="No cases yet">
        Referrals and their progress from approval to move will be listed here.
      </ComingScreen>
    ),
  },
  {
    path: 'audit',
    element: (
      <ComingScreen name="audit" title="Audit log" heading="Audit log">
        Every change, who made it and when, will be listed here.
      </ComingScreen>
    ),
  },
];
