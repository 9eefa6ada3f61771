import { SelectField, type SelectProps } from './Field';
import type { ParamPatch } from './list-params';

/** A list filter kept in the address: choosing an option sets `param` (the blank first option removes it). */
export function FilterSelect({
  param,
  value,
  update,
  ...select
}: Omit<SelectProps, 'value' | 'onChange'> & { param: string; value: string | number | undefined; update(patch: ParamPatch): void }) {
  return <SelectField {...select} value={value === undefined ? '' : String(value)} onChange={(e) => update({ [param]: e.target.value })} />;
}
