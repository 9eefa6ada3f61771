/** How report numbers read, on screen, in the CSV and in the PDF alike. */
export const formatCount = (n: number): string => n.toLocaleString('en-GB');
export const formatRate = (r: number): string => `${(r * 100).toFixed(0)}%`;
export const formatDays = (d: number): string => (Number.isInteger(d) ? String(d) : d.toFixed(1));
export const formatChange = (n: number): string => (n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '0');
