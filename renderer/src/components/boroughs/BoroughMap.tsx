import { useId, useState, type KeyboardEvent } from 'react';
import { BOROUGHS_ALPHABETICAL } from '../../../../contract/boroughs';
import type { BoroughCode } from '../../../../contract/boroughs';
import { BOROUGH_SHAPES, MAP_HEIGHT, MAP_WIDTH, neighbourInDirection } from './geometry';
import type { BoroughShape } from './geometry';
import './boroughs.css';

// One map of the 33 boroughs for two jobs: choosing boroughs (a group of checkboxes) and showing coverage (a set
// of links). The map is one tab stop; arrow keys move between neighbouring boroughs as they lie on the map, Home and
// End jump to the first and last alphabetically, and Space or Enter chooses. Every borough is announced by name.

export type BoroughMapProps =
  | {
      mode: 'select';
      label: string;
      selected: readonly BoroughCode[];
      onToggle(code: BoroughCode): void;
      /** Boroughs that cannot be chosen, with the reason shown to the coordinator. */
      unavailable?: Partial<Record<BoroughCode, string>>;
    }
  | {
      mode: 'coverage';
      label: string;
      counts: Partial<Record<BoroughCode, number>>;
      onOpen(code: BoroughCode): void;
      /** What a count means, for the borough's accessible name; "N active partners" unless given. */
      describeCount?: (count: number) => string;
    };

/** Short labels where the full name will not fit inside the borough; screen readers always get the full name. */
const LABEL_LINES: Partial<Record<BoroughCode, string[]>> = {
  E09000001: ['City'],
  E09000002: ['Barking &', 'Dagenham'],
  E09000007: ['Camden'],
  E09000012: ['Hack-', 'ney'],
  E09000013: ['H&F'],
  E09000019: ['Isling-', 'ton'],
  E09000020: ['K&C'],
  E09000021: ['Kingston'],
  E09000027: ['Richmond'],
  E09000028: ['South-', 'wark'],
  E09000030: ['Tower', 'Hamlets'],
  E09000031: ['Waltham', 'Forest'],
  E09000032: ['Wands-', 'worth'],
  E09000033: ['West-', 'minster'],
};

/** Inner boroughs are small on the map: their labels use a smaller type. */
const SMALL_LABELS = new Set<BoroughCode>([
  'E09000001',
  'E09000007',
  'E09000012',
  'E09000013',
  'E09000019',
  'E09000020',
  'E09000022',
  'E09000028',
  'E09000030',
  'E09000033',
]);

/** Coverage shading steps: 0, 1, 2, 3–4, 5 or more active partners. */
export function coverageBand(count: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0) return 0;
  if (count === 1) return 1;
  if (count === 2) return 2;
  if (count <= 4) return 3;
  return 4;
}

function plural(n: number): string {
  return `${n} active partner${n === 1 ? '' : 's'}`;
}

export function BoroughMap(props: BoroughMapProps) {
  const captionId = useId();

  const firstSelected = props.mode === 'select' ? props.selected[0] : undefined;
  const [focusCode, setFocusCode] = useState<BoroughCode>(firstSelected ?? BOROUGHS_ALPHABETICAL[0]!.code);
  const [pointed, setPointed] = useState<BoroughCode | null>(null);
  const [focused, setFocused] = useState<BoroughCode | null>(null);

  const selected = new Set(props.mode === 'select' ? props.selected : []);
  const unavailable = props.mode === 'select' ? (props.unavailable ?? {}) : {};

  const activate = (code: BoroughCode) => {
    if (props.mode === 'select') {
      if (unavailable[code] === undefined) props.onToggle(code);
    } else {
      props.onOpen(code);
    }
  };

  const moveTo = (code: BoroughCode | null, svg: SVGSVGElement | null) => {
    if (code === null) return;
    setFocusCode(code);
    svg?.querySelector<SVGPathElement>(`[data-borough="${code}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<SVGPathElement>, code: BoroughCode) => {
    const svg = event.currentTarget.ownerSVGElement;
    const arrows: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const direction = arrows[event.key];
    if (direction !== undefined) {
      event.preventDefault();
      moveTo(neighbourInDirection(code, direction), svg);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const list = BOROUGHS_ALPHABETICAL;
      moveTo((event.key === 'Home' ? list[0] : list[list.length - 1])?.code ?? null, svg);
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      activate(code);
    }
  };

  const describe = (shape: BoroughShape): { label: string; className: string; count?: number } => {
    if (props.mode === 'coverage') {
      const count = props.counts[shape.code] ?? 0;
      return { label: `${shape.name}: ${(props.describeCount ?? plural)(count)}`, className: `map__borough map__borough--band${coverageBand(count)}`, count };
    }
    const reason = unavailable[shape.code];
    if (reason !== undefined) return { label: `${shape.name}, cannot be chosen: ${reason}`, className: 'map__borough map__borough--unavailable' };
    return { label: shape.name, className: `map__borough${selected.has(shape.code) ? ' map__borough--selected' : ''}` };
  };

  const highlighted = focused ?? pointed;
  const highlightShape = BOROUGH_SHAPES.find((s) => s.code === highlighted);
  const caption = highlightShape ? describe(highlightShape).label + (props.mode === 'select' && selected.has(highlightShape.code) ? ' (chosen)' : '') : '';

  return (
    <div className="map">
      <svg
        className="map__svg"
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        role="group"
        aria-label={props.label}
        aria-describedby={captionId}
        data-map-mode={props.mode}
      >
        <defs>
          <pattern id="map-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" className="map__hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="8" className="map__hatch-line" />
          </pattern>
        </defs>
        {BOROUGH_SHAPES.map((shape) => {
          const info = describe(shape);
          const common = {
            'data-borough': shape.code,
            d: shape.d,
            className: info.className,
            tabIndex: shape.code === focusCode ? 0 : -1,
            'aria-label': info.label,
            onClick: () => {
              setFocusCode(shape.code);
              activate(shape.code);
            },
            onKeyDown: (e: KeyboardEvent<SVGPathElement>) => onKeyDown(e, shape.code),
            onFocus: () => {
              setFocusCode(shape.code);
              setFocused(shape.code);
            },
            onBlur: () => setFocused(null),
            onPointerEnter: () => setPointed(shape.code),
            onPointerLeave: () => setPointed((p) => (p === shape.code ? null : p)),
          };
          return props.mode === 'select' ? (
            <path
              key={shape.code}
              {...common}
              role="checkbox"
              aria-checked={selected.has(shape.code)}
              aria-disabled={unavailable[shape.code] !== undefined ? true : undefined}
            />
          ) : (
            <path key={shape.code} {...common} role="link" />
          );
        })}
        {highlightShape && <path d={highlightShape.d} className={focused ? 'map__ring map__ring--focus' : 'map__ring'} aria-hidden="true" />}
        <g aria-hidden="true" className="map__labels">
          {BOROUGH_SHAPES.map((shape) => {
            const info = describe(shape);
            const lines = [...(LABEL_LINES[shape.code] ?? shape.name.split(' '))];
            // Zero is left off the label (the white fill and the key say "none"); screen readers still hear it.
            if (info.count !== undefined && info.count > 0) lines.push(String(info.count));
            // A tick as well as the fill, so that the choice does not rest on colour alone.
            if (props.mode === 'select' && selected.has(shape.code)) {
              if (SMALL_LABELS.has(shape.code)) lines[0] = `✓${lines[0] ?? ''}`;
              else lines.unshift('✓');
            }
            const top = shape.centre[1] - ((lines.length - 1) * 11) / 2;
            return (
              <text
                key={shape.code}
                data-label-for={shape.code}
                x={shape.centre[0]}
                y={top}
                className={`map__label ${info.className.replace(/map__borough/g, 'map__label')}${SMALL_LABELS.has(shape.code) ? ' map__label--small' : ''}`}
              >
                {lines.map((line, i) => (
                  <tspan
                    key={i}
                    x={shape.centre[0]}
                    dy={i === 0 ? 0 : 11}
                    className={info.count !== undefined && info.count > 0 && i === lines.length - 1 ? 'map__count' : undefined}
                  >
                    {line}
                  </tspan>
                ))}
              </text>
            );
          })}
        </g>
      </svg>
      <p id={captionId} className="map__caption">
        {caption ||
          (props.mode === 'select'
            ? 'Click a borough, or use the arrow keys and Space, to choose it.'
            : 'Click a borough, or use the arrow keys and Enter, to see its partners.')}
      </p>
    </div>
  );
}
