import { savedKey } from './client';

export type FeedState = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows GET /v1/events. EventSource cannot send the Authorization header
 * and the key must never sit in a URL, so the stream is read with fetch and
 * parsed here; after a drop it resumes from the last id it saw.
 */
export const followFeed = (onEvent: (type: string) => void, onState: (state: FeedState) => void): (() => void) => {
  let stopped = false;
  let controller: AbortController | undefined;
  let lastEventId: string | undefined;

  const run = async (): Promise<void> => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const key = savedKey();
        const response = await fetch('/v1/events', {
          headers: { accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`feed answered ${response.status}`);
        onState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type: string | undefined;
            for (const line of frame.split('\n')) {
              if (line.startsWith('id: ')) lastEventId = line.slice(4);
              else if (line.startsWith('event: ')) type = line.slice(7);
            }
            if (type) onEvent(type);
          }
        }
      } catch {
        // Dropped, refused or aborted: try again below unless stopped.
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  onState('connecting');
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
};
