import { useParams, type RouteObject } from 'react-router';
import { MatchesScreen } from './MatchesScreen';
import { OffersBoardScreen } from './OffersBoardScreen';
import { PropertiesScreen } from './PropertiesScreen';
import { PropertyFormScreen } from './PropertyFormScreen';

/** Routes of properties, matches and the Offers board (issue 10). */
export const offerRoutes: RouteObject[] = [
  { path: 'offers', element: <OffersBoardScreen /> },
  { path: 'properties', element: <PropertiesScreen /> },
  { path: 'properties/new', element: <PropertyFormScreen key="new" /> },
  { path: 'properties/:id', element: <KeyedMatches /> },
  { path: 'properties/:id/edit', element: <KeyedEdit /> },
];

function KeyedMatches() {
  return <MatchesScreen key={useParams()['id']} />;
}

function KeyedEdit() {
  return <PropertyFormScreen key={`edit-${useParams()['id'] ?? ''}`} />;
}
