import type { InlineProjection } from '@oms/event-store';
import { projectLocationDirectory } from '../locations/location-directory/location-directory.projection';
import { projectReservationLines } from '../reservations/reservation-lines/reservation-lines.projection';

/** The read models written in the transaction of the events they follow (stock_levels is written by the append itself). */
export const inventoryProjections: readonly InlineProjection[] = [projectLocationDirectory, projectReservationLines];

