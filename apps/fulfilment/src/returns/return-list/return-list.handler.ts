import type { ActingCaller } from '@oms/contracts';
import type { DataSource } from 'typeorm';
import { RequestShape } from '@oms/messaging/request-shape';
import { NotAllowedOnReturn, ReturnNotFound } from '../return.errors';
import type { ReturnView } from '../return.view';
import { findReturn } from './return-list.query';

/** { returnId, caller? }. */
export const getReturn = async (db: DataSource, payload: unknown): Promise<ReturnView> => {
  const shape = new RequestShape(payload);
  const returnId = shape.done(shape.text('returnId'));
  const view = await findReturn(db, returnId);
  if (!view) throw new ReturnNotFound(returnId);
  const caller = (payload as { caller?: ActingCaller }).caller;
  if (caller?.role === 'store' && caller.locationId !== view.locationId) throw new NotAllowedOnReturn(returnId, `it is received at ${view.locationId}`);
  return view;
};
