import type { InlineProjection } from '@oms/event-store';
import { projectLocationDirectory } from '../locations/location-directory/location-directory.projection';
import { projectReservationLines } from '../reservations/reservation-lines/reservation-lines.projection';
import { projectStockLevels } from '../stock-items/stock-levels/stock-levels.projection';

/** Every read model of the service, written in the transaction of the events they follow. */
export const inventoryProjections: readonly InlineProjection[] = [projectLocationDirectory, projectStockLevels, projectReservationLines];

