import type { RouteObject } from 'react-router';
import { BatchScreen } from './BatchScreen';

/** Routes of circulation (issue 9). The case page's panel and history live on the case page itself. */
export const circulationRoutes: RouteObject[] = [{ path: 'circulation', element: <BatchScreen /> }];
