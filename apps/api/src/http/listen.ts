import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

export interface ListenOptions {
  port: number;
  hostname: string;
  /** How long an idle keep-alive connection stays open (HTTP_KEEP_ALIVE_SECONDS). */
  keepAliveMs: number;
}

/**
 * The HTTP server over the app's fetch. Node closes an idle keep-alive connection after 5 s
 * by default, while nginx keeps its upstream connections for 60 s: a request nginx (or any
 * client reusing its connection) sends just as the server closes one meets a reset, and a
 * POST is not retried (S5 of bench/ lost 2 posts in ~4,000 that way, 2 December). So the
 * server keeps idle connections longer than the proxy in front does, and says how long in
 * its `Keep-Alive: timeout=` header, which Node's own agent heeds. Requests' header and body
 * timeouts stay Node's (60 s and 300 s).
 *
 * Once the server is closing (SIGTERM), a connection is closed as soon as its response is
 * sent, instead of idling for the keep-alive time: `close()` itself ends only the connections
 * idle at that moment, and one busy then would have held a deploy for the whole minute.
 */
export function listen(fetch: (request: Request) => Response | Promise<Response>, options: ListenOptions, onListening: (port: number) => void): Server {
  const server = serve({ fetch, port: options.port, hostname: options.hostname }, (info) => onListening(info.port)) as Server;
  server.keepAliveTimeout = options.keepAliveMs;
  server.on('request', (_req, res) => {
    if (!server.listening) res.shouldKeepAlive = false;
    else res.once('finish', () => !server.listening && setImmediate(() => server.closeIdleConnections()));
  });
  return server;
}
