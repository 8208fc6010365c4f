/**
 * Every subject and stream name is prefixed with a namespace (`OMS_NAMESPACE`,
 * default `oms`) so that several deployments or test runs share one NATS
 * server without seeing each other's messages.
 */
export class Namespace {
  constructor(readonly name: string) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`OMS_NAMESPACE must be lower-case letters, digits and _; got "${name}"`);
  }

  subject(relative: string): string {
    return `${this.name}.${relative}`;
  }

  /** The JetStream stream that holds a service's published events. */
  eventStream(service: string): { name: string; subjects: string[] } {
    return { name: `${this.name}_${service}_events`.toUpperCase(), subjects: [this.subject(`${service}.events.>`)] };
  }

  eventSubject(service: string, type: string): string {
    return this.subject(`${service}.events.${type}`);
  }

  deadLetterStream(): { name: string; subjects: string[] } {
    return { name: `${this.name}_dead_letters`.toUpperCase(), subjects: [this.subject('dead-letters.>')] };
  }

  deadLetterSubject(consumer: string): string {
    return this.subject(`dead-letters.${consumer}`);
  }
}
