import type { Money, SkuQuantity } from '@oms/contracts';

/** Amounts travel in minor units; the currency says how many decimals it has (EUR 2, JPY 0). */
export const money = ({ amount, currency }: Money): string => {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
};

export const when = (iso: string): string => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

export const linesText = (lines: readonly SkuQuantity[]): string => lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ');

/** `ready_for_pickup` → `ready for pickup`, `ship-from-store` → `ship from store`. */
export const words = (code: string): string => code.replaceAll(/[_-]/g, ' ');
