import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the app on host:port (port 0 picks a free one) and resolves once it listens. */
export function listen(app: Hono, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
