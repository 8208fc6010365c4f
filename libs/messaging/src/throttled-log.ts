import type { JsonLogger } from './json-logger';

/** While something keeps failing, one line when it starts, then one a minute with the count; one when it works again. */
const EVERY_MS = 60_000;

export class ThrottledLog {
  private failures = 0;
  private lastLogged = 0;

  constructor(private readonly logger: JsonLogger, private readonly context: string) {}

  failed(error: unknown): void {
    this.failures++;
    const now = Date.now();
    if (this.failures > 1 && now - this.lastLogged < EVERY_MS) return;
    this.lastLogged = now;
    const text = error instanceof Error ? error.message : String(error);
    this.logger.error(this.failures === 1 ? error : `${text} (failing for a while: ${this.failures} times so far)`, undefined, this.context);
  }

  recovered(): void {
    if (this.failures === 0) return;
    this.logger.log(`working again after ${this.failures} failures`, this.context);
    this.failures = 0;
  }
}
