import type { OrderHistoryItem } from '../api/client';
import { linesText, when, words } from './format';
import type { RoutingDecision } from './routing-words';

/** One history entry in words: what happened, details worth reading, and the routing decision to show as a table. */
export interface Told {
  readonly title: string;
  readonly details: readonly string[];
  readonly decision?: RoutingDecision;
}

type Lines = readonly { sku: string; quantity: number }[];
// The history is the order's own events, shown as stored: each field is read only if the event type holds it.
type Data = Record<string, any>;

const RELEASES: Record<string, string> = {
  rejected: 'the location rejected them',
  'lines-rejected': 'the location rejected them',
  'short-pick': 'not found when picking',
  expired: 'the pickup was not collected in time',
  cancelled: 'cancelled',
  'fulfilment-cancelled': 'their fulfilment was cancelled',
};

const ACTORS: Record<string, string> = { 'order-process': 'the order process (automatic)', 'order-backorders': 'stock arrival (automatic)', system: 'the system' };

export const actorText = (actor: string): string => ACTORS[actor] ?? actor;

const deliveryText = (delivery: Data | undefined): string => {
  if (!delivery) return '';
  if (delivery.method === 'pickup') return `for pickup at ${delivery.locationId}`;
  const address = delivery.address ?? {};
  return `to ship (${delivery.speed ?? 'standard'}) to ${[address.line1, address.postalCode, address.city, address.country].filter(Boolean).join(', ')}`;
};

const allocationText = (a: Data): string => `${linesText(a.lines as Lines)} from ${a.locationId} (${words(a.method)})${a.dueBy ? `, due by ${when(a.dueBy)}` : ''}`;

const cancellationDetails = (d: Data): string[] => [
  `Reason: ${d.reason}`,
  ...((d.allocations ?? []) as Data[])
    .filter((a) => (a.rerouted ?? []).length > 0)
    .map((a) => `Still wanted from ${a.locationId}, routed again: ${linesText(a.rerouted)}`),
];

export const tell = ({ type, data }: OrderHistoryItem): Told => {
  const d = (data ?? {}) as Data;
  switch (type) {
    case 'OrderPlaced':
      return {
        title: `Order placed on ${d.channel}: ${linesText(d.lines as Lines)}`,
        details: [`Customer ${[d.customer?.name, d.customer?.email, d.customer?.id].filter(Boolean).join(', ')}`, `Delivery ${deliveryText(d.delivery)}`],
      };
    case 'RoutingIntended': {
      const planned = ((d.decision?.allocations ?? []) as Data[]).map((a) => `${linesText(a.lines)} at ${a.locationId}`);
      return {
        title: `Routing planned (attempt ${d.attempt}, try ${(d.try ?? 0) + 1})`,
        details: [planned.length > 0 ? `Reserving ${planned.join('; ')}` : `No location can take ${linesText(d.lines as Lines)}`],
      };
    }
    case 'RoutingIntentWithdrawn':
      return { title: `Planned routing withdrawn (attempt ${d.attempt})`, details: ['Its reserved stock is released.'] };
    case 'OrderRoutingDecided':
      return { title: `Routing decided (attempt ${d.attempt})`, details: [], decision: d.decision as RoutingDecision };
    case 'LinesAllocated':
      return { title: 'Lines allocated', details: ((d.allocations ?? []) as Data[]).map(allocationText) };
    case 'OrderPromised':
      return { title: `Promised to the customer by ${when(d.by)}`, details: [] };
    case 'OrderBackordered':
      return { title: `Backordered: waiting for stock of ${linesText(d.lines as Lines)}`, details: [] };
    case 'BackorderRetried':
      return { title: `Stock arrived: routing ${linesText(d.lines as Lines)} again`, details: [] };
    case 'FulfilmentRequested':
      return { title: `Fulfilment ${d.fulfilmentId} requested`, details: [`For allocation ${d.allocationId}`, ...(d.status === 'released' ? ['Released to the warehouse at once'] : [])] };
    case 'FulfilmentProgressed':
      return { title: `Fulfilment ${d.fulfilmentId}: ${words(d.status)}`, details: d.lines ? [linesText(d.lines as Lines)] : [] };
    case 'AllocationReleased':
      return {
        title: `${linesText(d.lines as Lines)} given back by ${d.locationId}: ${RELEASES[d.reason] ?? words(d.reason)}`,
        details: d.excludeLocation ? [`Routed again without ${d.locationId}`] : [],
      };
    case 'OrderCancelled':
      return { title: `Order cancelled${(d.lines ?? []).length > 0 ? `: ${linesText(d.lines as Lines)}` : ''}`, details: cancellationDetails(d) };
    case 'OrderLinesCancelled':
      return { title: `Lines cancelled: ${linesText(d.lines as Lines)}`, details: cancellationDetails(d) };
    case 'ReservationReleased':
      return { title: `Reserved stock released at ${d.locationId}: ${linesText(d.lines as Lines)}`, details: [] };
    case 'ReturnReceived':
      return { title: `Return ${d.returnId} received: ${linesText(d.lines as Lines)}`, details: [] };
    default:
      // A type this console does not know yet still reads as words.
      return { title: type.replaceAll(/([a-z])([A-Z])/g, '$1 $2'), details: [] };
  }
};
