import { NOTE_KIND_LABELS } from '../../../../contract/case-channels';
import type { TimelineEntry } from '../../../../contract/case-views';
import { formatUkDate, formatUkDateTime } from '../../../../contract/dates';
import { missingCase } from '../../../../contract/missing-case';

function kindLabel(kind: TimelineEntry['kind']): string {
  switch (kind) {
    case 'created':
      return 'Referral';
    case 'transition':
      return 'Progress';
    case 'note':
      return 'Note';
    case 'no_update':
      return 'From the Nominating Officer';
    case 'review':
      return 'Review';
    case 'updated':
      return 'Details changed';
    case 'boroughs_added':
      return 'Boroughs';
    case 'chase':
      return 'Chase';
    default:
      return missingCase(kind);
  }
}

const isNote = (e: TimelineEntry) => (e.kind === 'note' || e.kind === 'no_update' || e.kind === 'review') && e.summary === NOTE_KIND_LABELS[e.kind];

/** Newest first, each with the day it happened and when and by whom it was recorded. */
export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <ol className="case-timeline" aria-label="Timeline, newest first">
      {entries.map((e) => (
        <li key={e.id} className={`case-timeline__item case-timeline__item--${e.kind}`}>
          <div className="case-timeline__date">{formatUkDate(e.on)}</div>
          <div>
            {/* A note's summary is its kind ("Case review"): said once. */}
            {!isNote(e) && <span className="case-timeline__kind">{kindLabel(e.kind)} </span>}
            <strong>{e.summary}</strong>
            {e.text && <p className="case-timeline__text">{e.text}</p>}
            <div className="muted small">
              Recorded {formatUkDateTime(e.at)} by {e.actor}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
