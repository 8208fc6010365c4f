import { createInbox, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';

/** What came back for one request: a reply, word from the server that no instance is subscribed, or the connection closing first. */
export type Answer = { readonly reply: Msg } | { readonly noResponders: true } | { readonly closed: true };

/**
 * The replies to every request a connection sends arrive on one
 * subscription, each under a token of its own, as in nats.js's own request;
 * but nothing is made per request beyond its entry here. nats.js builds an
 * Error (a stack trace) for every request it completes, a measurable share
 * of a loaded service's CPU. A request the connection cannot send throws.
 */
class ReplyInbox {
  private readonly prefix: string;
  private readonly waiting = new Map<string, (answer: Answer) => void>();
  private sent = 0;

  constructor(private readonly nc: NatsConnection) {
    this.prefix = `${createInbox()}.`;
    const subscription = nc.subscribe(`${this.prefix}*`, {
      callback: (error, msg) => {
        if (error) return;
        const token = msg.subject.slice(this.prefix.length);
        const deliver = this.waiting.get(token);
        if (!deliver) return;
        this.waiting.delete(token);
        // The server's own answer when no subscription took the request: no data, status 503.
        deliver(msg.data.length === 0 && msg.headers?.code === 503 ? { noResponders: true } : { reply: msg });
      },
    });
    // Drained or closed: no reply can come any more.
    void subscription.closed.then(() => {
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      waiting.forEach((deliver) => deliver({ closed: true }));
    });
  }

  /** Sends the request; `onAnswer` hears of its answer once, unless the returned function is called first. */
  send(subject: string, data: string, headers: MsgHdrs, onAnswer: (answer: Answer) => void): () => void {
    const token = (++this.sent).toString(36);
    this.waiting.set(token, onAnswer);
    try {
      this.nc.publish(subject, data, { reply: this.prefix + token, headers });
    } catch (error) {
      this.waiting.delete(token);
      throw error;
    }
    return () => this.waiting.delete(token);
  }
}

const inboxes = new WeakMap<NatsConnection, ReplyInbox>();

/** The connection's reply inbox, subscribed on first use. */
export const replyInboxOf = (nc: NatsConnection): ReplyInbox => {
  let inbox = inboxes.get(nc);
  if (!inbox) inboxes.set(nc, (inbox = new ReplyInbox(nc)));
  return inbox;
};

/** The header JetStream de-duplicates a stream's messages by. */
const MSG_ID = 'Nats-Msg-Id';

/**
 * Publishes a message to the JetStream stream that takes its subject and
 * waits for the stream's acknowledgement, de-duplicated by `msgId`: what
 * nats.js's JetStream publish does, answered through the reply inbox.
 */
export const publishToStream = (nc: NatsConnection, subject: string, data: string, msgId: string, headers: MsgHdrs, timeoutMs: number): Promise<void> =>
  new Promise((resolve, reject) => {
    headers.set(MSG_ID, msgId);
    let stopWaiting = () => undefined as unknown;
    const timer = setTimeout(() => (stopWaiting(), reject(new Error(`${subject}: no acknowledgement from JetStream within ${timeoutMs} ms`))), timeoutMs);
    const acknowledged = (answer: Answer) => {
      clearTimeout(timer);
      if ('noResponders' in answer) return reject(new Error(`${subject}: no JetStream stream takes this subject`));
      if ('closed' in answer) return reject(new Error(`${subject}: the connection closed before JetStream acknowledged`));
      const ack = answer.reply.json<{ error?: { code?: number; description?: string } }>();
      if (ack.error) return reject(new Error(`${subject}: JetStream refused the message: ${ack.error.description ?? ack.error.code}`));
      resolve();
    };
    try {
      stopWaiting = replyInboxOf(nc).send(subject, data, headers, acknowledged);
    } catch (error) {
      clearTimeout(timer);
      reject(error);
    }
  });
