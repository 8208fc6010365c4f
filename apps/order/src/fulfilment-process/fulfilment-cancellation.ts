import { DomainError, type MessageMetadata } from '@oms/contracts';
import { FulfilmentSubjects, type CancelFulfilmentRequest, type FulfilmentStanding } from '@oms/contracts/fulfilment.contracts';
import type { RecordFulfilmentProgress } from '../orders/order.commands';

type Request = <T>(subject: string, payload: unknown) => Promise<T>;

/**
 * Asks the fulfilment service to cancel a fulfilment and answers where it then
 * stands, as an order command: `cancelled`, or the status that kept it from
 * being cancelled (shipped or collected meanwhile). The fulfilment's stream
 * decides which came first, so the order learns the truth rather than judging
 * from its own copy, which may lag.
 */
export const cancelFulfilment = async (
  request: Request,
  { orderId, allocationId, fulfilmentId }: { orderId: string; allocationId: string; fulfilmentId: string },
  reason: string,
  metadata: MessageMetadata,
): Promise<RecordFulfilmentProgress> => {
  let standing: FulfilmentStanding;
  try {
    standing = await request<FulfilmentStanding>(FulfilmentSubjects.cancel, { fulfilmentId, reason } satisfies CancelFulfilmentRequest);
  } catch (error) {
    // Refused: past the point where it can be cancelled. Where it is now is what the order records.
    if (!(error instanceof DomainError)) throw error;
    standing = await request<FulfilmentStanding>(FulfilmentSubjects.get, { fulfilmentId });
  }
  return {
    type: 'RecordFulfilmentProgress',
    data: { orderId, allocationId, fulfilmentId, fulfilmentStatus: standing.status, at: standing.updatedAt },
    metadata,
  };
};
