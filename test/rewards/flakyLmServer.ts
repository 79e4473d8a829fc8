import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';

/** How the test server answers one request: text to return, a malformed body, a 500, or a late reply. */
export type Behaviour = { kind: 'text'; text: string } | { kind: 'garbage' } | { kind: 'fail' } | { kind: 'late'; ms: number };

/**
 * An OpenAI-compatible server on loopback whose behaviour per request is chosen by the test:
 * it exercises the real HTTP backend against a server that misbehaves.
 */
export async function startFlakyLmServer(decide: (prompt: string, seed: number | undefined) => Behaviour): Promise<{ url: string; requests: number; close(): Promise<void> }> {
  const app = new Hono();
  let requests = 0;
  const answer = async (prompt: string, seed: number | undefined, chat: boolean): Promise<Response> => {
    requests++;
    const b = decide(prompt, seed);
    if (b.kind === 'garbage') return new Response('{"choices": "not a list"', { headers: { 'content-type': 'application/json' } });
    if (b.kind === 'fail') return Response.json({ error: { message: 'internal' } }, { status: 500 });
    // Unref'd, so a reply the client gave up on does not keep the test process alive.
    if (b.kind === 'late') await new Promise((resolve) => setTimeout(resolve, b.ms).unref());
    const text = b.kind === 'text' ? b.text : 'late';
    const choice = chat ? { message: { role: 'assistant', content: text }, finish_reason: 'stop' } : { text, finish_reason: 'stop' };
    return Response.json({ choices: [choice], usage: { prompt_tokens: 1, completion_tokens: 1 } });
  };
  app.post('/v1/completions', async (c) => {
    const body = (await c.req.json()) as { prompt: string; seed?: number };
    return answer(body.prompt, body.seed, false);
  });
  app.post('/v1/chat/completions', async (c) => {
    const body = (await c.req.json()) as { messages: { content: string }[]; seed?: number };
    return answer(body.messages[body.messages.length - 1]!.content, body.seed, true);
  });
  const server = await new Promise<{ http: Server; port: number }>((resolve) => {
    const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ http, port: info.port })) as Server;
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    get requests() {
      return requests;
    },
    // Drop idle keep-alive connections so closing does not wait for them.
    close: () =>
      new Promise<void>((resolve) => {
        server.http.close(() => resolve());
        server.http.closeAllConnections();
      }),
  };
}
