// A client of notifications' live stream (GET /groups/:id/alerts/stream), reading its
// server-sent events as a browser's EventSource would, with the token in the Authorization header.

export type LiveFrame = { event: string; id: string; data: Record<string, unknown> };

export type LiveStreamClient = {
  /** Every event received so far, in order. */
  frames: LiveFrame[];
  close: () => void;
};

/** Opens the stream; resolves once the service has answered, so the client is listening. */
export async function openLiveStream(url: string, token: string): Promise<LiveStreamClient> {
  const stop = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: stop.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  }
  const frames: LiveFrame[] = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  // The first bytes (a `: connected` comment) are written once the stream listens to its group.
  let rest = decoder.decode((await reader.read()).value ?? new Uint8Array(), { stream: true });
  void (async () => {
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        rest += decoder.decode(chunk.value, { stream: true });
        const blocks = rest.split('\n\n');
        rest = blocks.pop() ?? '';
        for (const block of blocks) {
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}: `))
              ?.slice(name.length + 2);
          const event = field('event');
          const data = field('data');
          if (event && data) frames.push({ event, id: field('id') ?? '', data: JSON.parse(data) });
        }
      }
    } catch {
      // Closed by the test, or by the service shutting down.
    }
  })();
  return { frames, close: () => stop.abort() };
}
