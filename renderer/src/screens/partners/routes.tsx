import { useParams, type RouteObject } from 'react-router';
import { BoroughsScreen } from './BoroughsScreen';
import { ImportScreen } from './ImportScreen';
import { PartnerFormScreen } from './PartnerFormScreen';
import { PartnerScreen } from './PartnerScreen';
import { PartnersScreen } from './PartnersScreen';

/** Routes of the partners directory (issue 3). */
export const partnerRoutes: RouteObject[] = [
  { path: 'partners', element: <PartnersScreen /> },
  // Keyed, so that moving between the new and edit forms never carries one form's state into the other.
  { path: 'partners/new', element: <PartnerFormScreen key="new" /> },
  { path: 'partners/import', element: <ImportScreen /> },
  { path: 'partners/:id', element: <PartnerScreen /> },
  { path: 'partners/:id/edit', element: <EditPartner /> },
  { path: 'boroughs', element: <BoroughsScreen /> },
];

function EditPartner() {
  return <PartnerFormScreen key={useParams()['id']} />;
}
