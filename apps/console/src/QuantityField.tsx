import type { ReactNode } from 'react';

/** A count of one SKU, kept between 0 and `max`, labelled by what it counts. */
export const QuantityField = ({ label, max, value, onChange }: { label: ReactNode; max: number; value: number; onChange: (quantity: number) => void }) => (
  <label className="row">
    <span>{label}</span>
    <input type="number" inputMode="numeric" min={0} max={max} value={value} onChange={(e) => onChange(Math.max(0, Math.min(max, Number(e.target.value))))} />
  </label>
);
