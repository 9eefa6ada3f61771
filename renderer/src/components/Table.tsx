import type { ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell(row: T, index: number): ReactNode;
  /** Classes for the column's cells and header, e.g. `num` for right-aligned figures. */
  className?: string;
}

/** A plain table of rows under column headers, with a caption for screen readers (a visible heading sits above it). */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  className,
  testId,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T, index: number): string | number;
  className?: string;
  testId?: string;
}) {
  return (
    <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.className}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)}>
            {columns.map((c, i) => (
              <td key={i} className={c.className}>
                {c.cell(row, r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
