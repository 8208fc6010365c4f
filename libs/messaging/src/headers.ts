import { headers, type MsgHdrs } from '@nats-io/transport-node';

export const CORRELATION_ID = 'Oms-Correlation-Id';
export const ACTOR = 'Oms-Actor';
/** When the caller stops waiting for the answer (epoch ms): past it, acting on the request helps no one and may harm (see serve). */
export const DEADLINE = 'Oms-Deadline';
/** The same on every attempt of one request: an instance that gets a repeat of a request it is still working on answers both with one piece of work. */
export const REQUEST_ID = 'Oms-Request-Id';

export const toHeaders = (values: Readonly<Record<string, string | undefined>>): MsgHdrs => {
  const h = headers();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) h.set(key, value);
  return h;
};
