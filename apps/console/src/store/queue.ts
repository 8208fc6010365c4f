import type { FulfilmentView } from '../api/client';

export type Section = 'new' | 'to-pick' | 'to-hand-over' | 'incoming' | 'done-today';

export const SECTIONS: readonly { readonly id: Section; readonly title: string }[] = [
  { id: 'new', title: 'New' },
  { id: 'to-pick', title: 'To pick' },
  { id: 'to-hand-over', title: 'To hand over or ship' },
  { id: 'incoming', title: 'Incoming transfers' },
  { id: 'done-today', title: 'Done today' },
];

const FINISHED = new Set(['collected', 'shipped', 'delivered', 'rejected', 'expired', 'cancelled']);

/** Where a job stands for this store: a ship-to-store parcel is outgoing work at its source and incoming at the pickup store. */
export const sectionOf = (job: FulfilmentView, locationId: string, now: Date): Section | null => {
  const incoming = job.type === 'ship-to-store' && job.pickupLocationId === locationId && job.locationId !== locationId;
  if (incoming) {
    if (job.status === 'created' || job.status === 'shipped') return 'incoming';
    if (job.status === 'received' || job.status === 'ready_for_pickup') return 'to-hand-over';
  } else {
    if (job.type === 'ship-to-store' && job.status === 'created') return 'to-hand-over';
    if (job.status === 'created') return 'new';
    if (job.status === 'accepted') return 'to-pick';
    if (job.status === 'picked' || job.status === 'ready_for_pickup' || job.status === 'received') return 'to-hand-over';
  }
  if (FINISHED.has(job.status) && !(incoming && job.status === 'shipped') && sameDay(new Date(job.updatedAt), now)) return 'done-today';
  return null;
};

const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** When the job must be done by: its promise when known, else the store's accept-by, else the end of the pickup hold. */
export const dueOf = (job: FulfilmentView & { dueBy?: string }): string | undefined => {
  if (job.dueBy) return job.dueBy;
  if (job.status === 'created' && job.acceptBy) return job.acceptBy;
  if (job.status === 'ready_for_pickup') return job.pickup?.expiresAt;
  return undefined;
};

export const isOverdue = (job: FulfilmentView, now: Date): boolean => {
  const due = dueOf(job);
  return (job as { late?: boolean }).late === true || (due !== undefined && Date.parse(due) < now.getTime() && !FINISHED.has(job.status));
};

/** Overdue first, then the soonest due, then the oldest. */
export const byUrgency = (now: Date) => (a: FulfilmentView, b: FulfilmentView): number => {
  const overdue = Number(isOverdue(b, now)) - Number(isOverdue(a, now));
  if (overdue !== 0) return overdue;
  const dueA = Date.parse(dueOf(a) ?? '9999-12-31T00:00:00Z');
  const dueB = Date.parse(dueOf(b) ?? '9999-12-31T00:00:00Z');
  return dueA - dueB || Date.parse(a.createdAt) - Date.parse(b.createdAt);
};

export const ageOf = (since: string, now: Date): string => {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} days`;
};

/** Every accepted job's lines, by SKU: what to take from the shelves in one walk. */
export const pickList = (jobs: readonly FulfilmentView[]): { sku: string; quantity: number; orders: string[] }[] => {
  const bySku = new Map<string, { sku: string; quantity: number; orders: string[] }>();
  for (const job of jobs.filter((j) => j.status === 'accepted'))
    for (const line of job.lines) {
      const entry = bySku.get(line.sku) ?? { sku: line.sku, quantity: 0, orders: [] };
      entry.quantity += line.quantity;
      entry.orders.push(job.orderNumber ?? job.orderId);
      bySku.set(line.sku, entry);
    }
  return [...bySku.values()].sort((a, b) => a.sku.localeCompare(b.sku));
};
