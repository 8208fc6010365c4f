import type { LocationView } from '@oms/contracts/inventory.contracts';

/** The whole definition, not a diff: a replacement is a new definition, and read models copy it as is. */
export type LocationDefined = {
  readonly type: 'LocationDefined';
  readonly data: { readonly location: LocationView; readonly definedAt: string };
};

export type LocationEvent = LocationDefined;
