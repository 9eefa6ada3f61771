export type SortDirection = 'asc' | 'desc';

/**
 * A column header that sorts its table: the header says which way it is sorted (aria-sort), and the button in it
 * turns the order round or sorts by this column.
 */
export function SortHeader({
  label,
  active,
  direction,
  onSort,
}: {
  label: string;
  active: boolean;
  direction: SortDirection;
  onSort(direction: SortDirection): void;
}) {
  return (
    <th scope="col" className="table__sortable" aria-sort={active ? (direction === 'desc' ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(active && direction === 'asc' ? 'desc' : 'asc')}>
        {label}
        <span aria-hidden="true" className={active ? 'sort-button__arrow' : 'sort-button__arrow sort-button__arrow--idle'}>
          {active ? (direction === 'desc' ? '▼' : '▲') : '↕'}
        </span>
        {!active && <span className="visually-hidden"> (sort)</span>}
      </button>
    </th>
  );
}
