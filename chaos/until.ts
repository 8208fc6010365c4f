/** Polls `check` until it answers true (errors count as not yet), or throws naming what never came. */
export const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, intervalMs = 250): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not there after ${timeoutMs} ms${last ? ` (${last instanceof Error ? last.message : last})` : ''}`);
    await sleep(intervalMs);
  }
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
