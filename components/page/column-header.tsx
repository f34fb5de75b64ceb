import type { ReactNode } from 'react';

/** A data table's column header, in the one style every table uses. */
export function ColumnHeader({ children, align = 'left' }: { children: ReactNode; align?: 'left' | 'right' }) {
  return (
    <th scope="col" className={`px-3 py-2${align === 'right' ? ' text-right' : ''}`}>
      {children}
    </th>
  );
}
