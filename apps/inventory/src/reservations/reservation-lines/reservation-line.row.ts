import type { StockItemEvent } from '../../stock-items/stock-item.events';

/** What a reservation holds at one stock item: reserved once, then released or committed in parts. */
export interface ReservationLineRow {
  readonly reservationId: string;
  readonly locationId: string;
  readonly sku: string;
  readonly orderId: string;
  readonly quantity: number;
  readonly openQuantity: number;
  readonly reservedAt: string;
}

/** Undefined until reserved; a release or commit of a line never reserved changes nothing. */
export const evolveReservationLine = (row: ReservationLineRow | undefined, event: StockItemEvent): ReservationLineRow | undefined => {
  switch (event.type) {
    case 'StockReserved': {
      const { reservationId, locationId, sku, orderId, quantity, reservedAt } = event.data;
      return row ?? { reservationId, locationId, sku, orderId, quantity, openQuantity: quantity, reservedAt };
    }
    case 'StockReleased':
    case 'StockCommitted':
      return row && { ...row, openQuantity: Math.max(0, row.openQuantity - event.data.quantity) };
    default:
      return row;
  }
};

export const isReservationEvent = (type: string): boolean => type === 'StockReserved' || type === 'StockReleased' || type === 'StockCommitted';
