import type { RouteObject } from 'react-router';
import { ComingScreen } from '../placeholders/ComingScreen';

/** Routes of the partners directory (issue 3). */
export const partnerRoutes: RouteObject[] = [
  {
    path: 'partners',
    element: (
      <ComingScreen name="partners" title="Partners" heading="No partners yet">
        Partner councils and housing associations, with their Named Leads and the boroughs where they hold stock, will be listed here.
      </ComingScreen>
    ),
  },
  {
    path: 'boroughs',
    element: (
      <ComingScreen name="boroughs" title="Boroughs" heading="Borough map">
        A map of London's 33 boroughs showing where partners hold stock will appear here.
      </ComingScreen>
    ),
  },
];
