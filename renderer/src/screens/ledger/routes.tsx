import { useParams, type RouteObject } from 'react-router';
import { LedgerScreen } from './LedgerScreen';
import { StatementScreen } from './StatementScreen';

/** Routes of the ledger (issue 11). */
export const ledgerRoutes: RouteObject[] = [
  { path: 'ledger', element: <LedgerScreen /> },
  { path: 'ledger/:partnerId', element: <KeyedStatement /> },
];

function KeyedStatement() {
  return <StatementScreen key={useParams()['partnerId']} />;
}
