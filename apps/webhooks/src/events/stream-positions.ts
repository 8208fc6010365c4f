import type { Tx } from '@oms/event-store';
import { RetryLater } from '@oms/messaging';
import type { DataSource } from 'typeorm';

/** Longer than a consumer's ack wait: an earlier event held by an instance that died comes back within it. */
const GAP_TIMEOUT_MS = 120_000;

export type Position = 'next' | 'seen' | 'after-gap';

/**
 * Several instances share one durable consumer, so two events of one stream
 * may be handled at once by two of them. Each event is queued only once the
 * one before it in its stream is (versions are contiguous, and every event
 * of these streams is public); a later one is handed back to wait for it.
 * An earlier event that never comes (dead-lettered) stops waiting after
 * {@link GAP_TIMEOUT_MS}, so one lost message cannot stall an order for ever.
 */
export class StreamPositions {
  constructor(private readonly db: DataSource, private readonly onGapSkipped: (streamId: string, from: number, to: number) => void) {}

  async follow(tx: Tx, streamId: string, version: number, now: Date): Promise<Position> {
    const [row]: { version: number; gap_since: Date | null }[] = await tx.query(`select version, gap_since from stream_positions where stream_id = $1`, [streamId]);
    const last = row?.version ?? 0;
    if (version <= last) return 'seen';
    let position: Position = 'next';
    if (version > last + 1) {
      if (!row?.gap_since || now.getTime() - row.gap_since.getTime() < GAP_TIMEOUT_MS) {
        // Outside the transaction, which rolls back: when the wait began must survive it.
        await this.db.query(
          `insert into stream_positions (stream_id, version, gap_since) values ($1, 0, $2)
           on conflict (stream_id) do update set gap_since = coalesce(stream_positions.gap_since, $2)`,
          [streamId, now],
        );
        throw new RetryLater(250, `${streamId} version ${version} waits for version ${last + 1}`);
      }
      this.onGapSkipped(streamId, last + 1, version - 1);
      position = 'after-gap';
    }
    await tx.query(
      `insert into stream_positions (stream_id, version, gap_since) values ($1, $2, null)
       on conflict (stream_id) do update set version = $2, gap_since = null`,
      [streamId, version],
    );
    return position;
  }
}
