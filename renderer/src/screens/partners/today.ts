/** Today as dd/mm/yyyy in the computer's own time zone: the default for dates a coordinator records. */
export function todayUk(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}
