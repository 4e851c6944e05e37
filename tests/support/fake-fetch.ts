// A fetch that answers from a function of the URL and records every URL it
// was asked for: the Clever client's unit tests run on it.
export type FakeReply = { status?: number; body: BodyInit | object; headers?: Record<string, string> };

export function fakeFetch(replies: (url: URL) => FakeReply) {
  const urls: URL[] = [];
  const fn = (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    urls.push(url);
    const reply = replies(url);
    const body = typeof reply.body === "string" || reply.body instanceof ReadableStream ? reply.body : JSON.stringify(reply.body);
    return new Response(body as BodyInit, { status: reply.status ?? 200, headers: reply.headers });
  }) as typeof fetch;
  return { fn, urls };
}
