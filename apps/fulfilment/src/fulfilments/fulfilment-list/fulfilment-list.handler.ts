import { FULFILMENT_STATUSES, FULFILMENT_TYPES, type ActingCaller, type Page } from '@oms/contracts';
import type { DataSource } from 'typeorm';
import { RequestShape } from '@oms/messaging/request-shape';
import { ensureMaySee } from '../act-on-fulfilment/fulfilment-action';
import { FulfilmentNotFound, NotAllowedOnFulfilment } from '../fulfilment.errors';
import type { FulfilmentView } from '../fulfilment.view';
import { findFulfilment, listFulfilments } from './fulfilment-list.query';


/** { fulfilmentId, caller? }: a store caller sees only fulfilments of its location. */
export const getFulfilment = async (db: DataSource, payload: unknown): Promise<FulfilmentView> => {
  const shape = new RequestShape(payload);
  const fulfilmentId = shape.done(shape.text('fulfilmentId'));
  const view = await findFulfilment(db, fulfilmentId);
  if (!view) throw new FulfilmentNotFound(fulfilmentId);
  ensureMaySee((payload as { caller?: ActingCaller }).caller, view);
  return view;
};

/** { locationId?, status?, type?, orderId?, limit? (1..200, 50), cursor? }; a store caller is kept to its location. */
export const findFulfilments = async (db: DataSource, payload: unknown): Promise<Page<FulfilmentView>> => {
  const shape = new RequestShape(payload ?? {});
  const filter = shape.done({
    locationId: shape.optionalText('locationId'),
    status: shape.optionalOneOf('status', FULFILMENT_STATUSES),
    type: shape.optionalOneOf('type', FULFILMENT_TYPES),
    orderId: shape.optionalText('orderId'),
    cursor: shape.optionalText('cursor'),
    limit: shape.integer('limit', 1, 200, 50),
  });
  const caller = (payload as { caller?: ActingCaller } | undefined)?.caller;
  if (caller?.role !== 'store') return listFulfilments(db, filter);
  if (filter.locationId !== undefined && filter.locationId !== caller.locationId) throw new NotAllowedOnFulfilment('*', `a store key sees only location ${caller.locationId}`);
  return listFulfilments(db, { ...filter, locationId: caller.locationId });
};
