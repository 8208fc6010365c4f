import { natsServers } from './nats-connection';

describe('NATS_URL', () => {
  it('names one server', () => expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']));

  it('names the nodes of a cluster, comma-separated', () =>
    expect(natsServers('nats://nats-1:4222, nats://nats-2:4222,nats://nats-3:4222,')).toEqual(['nats://nats-1:4222', 'nats://nats-2:4222', 'nats://nats-3:4222']));
});
