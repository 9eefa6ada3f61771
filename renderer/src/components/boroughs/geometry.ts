import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BOROUGHS } from '../../../../contract/boroughs';
import type { BoroughCode } from '../../../../contract/boroughs';
// The package's "exports" hide its data folder (and its entry point would fetch from a CDN), so the boundaries are
// imported by path: Vite bundles the 15 kB topology into the app, which never touches the network.
import londonTopology from '../../../../node_modules/vega-datasets/data/londonBoroughs.json';

export interface BoroughShape {
  code: BoroughCode;
  name: string;
  /** SVG path data in the map's own coordinates. */
  d: string;
  /** Where to put the label: the area-weighted centre. */
  centre: [number, number];
}

export const MAP_WIDTH = 760;
export const MAP_HEIGHT = 560;

const CODE_BY_NAME = new Map<string, BoroughCode>(BOROUGHS.map((b) => [b.name, b.code]));

function buildShapes(): BoroughShape[] {
  const topology = londonTopology as unknown as Topology<{ boroughs: GeometryCollection }>;
  const collection = feature(topology, topology.objects.boroughs);
  const projection = geoMercator().fitExtent(
    [
      [8, 8],
      [MAP_WIDTH - 8, MAP_HEIGHT - 8],
    ],
    collection,
  );
  const path = geoPath(projection);
  const shapes = collection.features.map((f) => {
    const name = String(f.id);
    const code = CODE_BY_NAME.get(name);
    // The topology and the reference list are checked against each other in a unit test; this is a last guard.
    if (code === undefined) throw new Error(`The map has a borough the app does not know: ${name}`);
    const [x, y] = path.centroid(f);
    return { code, name, d: path(f) ?? '', centre: [x, y] as [number, number] };
  });
  return shapes;
}

/** The 33 boroughs as SVG shapes, computed once. */
export const BOROUGH_SHAPES: readonly BoroughShape[] = buildShapes();

/**
 * The borough to move to from `from` when an arrow key is pressed: the nearest one whose centre lies in that
 * direction (within 60 degrees either side), so that arrow keys walk the map as it looks.
 */
export function neighbourInDirection(from: BoroughCode, direction: 'left' | 'right' | 'up' | 'down'): BoroughCode | null {
  const start = BOROUGH_SHAPES.find((s) => s.code === from);
  if (start === undefined) return null;
  const [ux, uy] = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[direction] as [number, number];
  let best: { code: BoroughCode; score: number } | null = null;
  for (const s of BOROUGH_SHAPES) {
    if (s.code === from) continue;
    const dx = s.centre[0] - start.centre[0];
    const dy = s.centre[1] - start.centre[1];
    const distance = Math.hypot(dx, dy);
    const along = (dx * ux + dy * uy) / distance;
    if (along < 0.5) continue; // more than 60 degrees off the arrow's direction
    // Prefer near and straight ahead.
    const score = distance * (2 - along);
    if (best === null || score < best.score) best = { code: s.code, score };
  }
  return best?.code ?? null;
}
