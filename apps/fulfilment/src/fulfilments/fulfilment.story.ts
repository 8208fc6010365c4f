import type { RecordedEvent } from '@oms/event-store';
import type { Story } from '@oms/messaging';

/** What each fulfilment event makes of the fulfilment, in the words of its status. */
const STATUS: Record<string, string> = {
  FulfilmentCreated: 'created',
  FulfilmentReleased: 'released to the warehouse',
  FulfilmentAccepted: 'accepted',
  FulfilmentRejected: 'rejected',
  FulfilmentPicked: 'picked',
  FulfilmentReadyForPickup: 'ready for pickup',
  FulfilmentCollected: 'collected',
  FulfilmentShipped: 'shipped',
  FulfilmentReceived: 'received at the pickup store',
  FulfilmentDelivered: 'delivered',
  FulfilmentExpired: 'expired: not collected in time, its lines cancelled and the stock back',
  FulfilmentCancelled: 'cancelled',
  PickupLocked: 'locked after too many wrong pickup codes',
};

/** One line per change of a fulfilment's state (see ServiceRuntimeOptions.tells); a rejection and a short pick say why. */
export const tellFulfilmentStory = (event: RecordedEvent): Story | undefined => {
  const status = STATUS[event.type];
  if (!status) return undefined;
  const data = event.data as { fulfilmentId: string; orderId: string; locationId?: string; pickupLocationId?: string | null; type?: string; reason?: string; shortLines?: readonly unknown[] };
  const where = data.locationId ?? data.pickupLocationId;
  const why = event.type === 'FulfilmentRejected' || event.type === 'FulfilmentCancelled' ? ` (${data.reason})` : '';
  const short = event.type === 'FulfilmentPicked' && (data.shortLines?.length ?? 0) > 0 ? ' short' : '';
  const kind = data.type ? ` ${data.type}` : '';
  return {
    message: `${event.type === 'FulfilmentExpired' ? 'pickup' : `fulfilment${kind}`} ${data.fulfilmentId} of order ${data.orderId}${where ? ` at ${where}` : ''}${short} ${status}${why}`,
    orderId: data.orderId,
    fulfilmentId: data.fulfilmentId,
    ...(where ? { locationId: where } : {}),
  };
};
