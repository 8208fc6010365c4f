import { headers, type MsgHdrs } from '@nats-io/transport-node';

export const CORRELATION_ID = 'Oms-Correlation-Id';
export const ACTOR = 'Oms-Actor';
/** When the caller stops waiting for the answer (epoch ms): past it, acting on the request helps no one and may harm (see serve). */
export const DEADLINE = 'Oms-Deadline';

export const toHeaders = (values: Readonly<Record<string, string | undefined>>): MsgHdrs => {
  const h = headers();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) h.set(key, value);
  return h;
};
