/**
 * The production HTTP server's connections (src/http/listen.ts), over real sockets: an idle
 * keep-alive connection outlives Node's 5 s default and nginx's 60 s upstream keepalive, so
 * the proxy, never the server, closes it first; and a server that is closing ends each
 * connection once its response is sent rather than keeping it for the keep-alive time.
 */
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { listen } from '../src/http/listen.ts';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** A server answering every request after `delayMs`, on a free loopback port. */
async function start(keepAliveMs: number, delayMs = 0): Promise<number> {
  return new Promise((resolve) => {
    const server = listen(
      async () => {
        await new Promise((r) => setTimeout(r, delayMs));
        return new Response('ok');
      },
      { port: 0, hostname: '127.0.0.1', keepAliveMs },
      resolve,
    );
    servers.push(server);
  });
}

/** One raw HTTP/1.1 connection: send a request on it, read one whole answer, see whether the server closed it. */
function client(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let buffer = '';
  let closedAt = 0;
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => {
    buffer += d;
  });
  socket.on('close', () => {
    closedAt = performance.now();
  });
  socket.on('error', () => {});
  return {
    get closed() {
      return closedAt > 0;
    },
    async get(): Promise<string> {
      buffer = '';
      socket.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n');
      while (!/\r\n\r\nok$/.test(buffer)) {
        if (closedAt) throw new Error(`connection closed before the answer: ${JSON.stringify(buffer)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return buffer;
    },
    end: () => socket.destroy(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keep-alive connections', () => {
  it('defaults to 65 s, longer than nginx keeps its upstream connections (60 s)', () => {
    expect(loadConfig({}).keepAliveMs).toBe(65_000);
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_SECONDS: '0' })).toThrow(/HTTP_KEEP_ALIVE_SECONDS/);
  });

  it('keeps an idle connection past Node’s 5 s default, says for how long, and answers on it again', async () => {
    const port = await start(loadConfig({}).keepAliveMs);
    const c = client(port);
    const first = await c.get();
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first.toLowerCase()).toContain('keep-alive: timeout=65');
    await sleep(5_600);
    expect(c.closed).toBe(false);
    expect(await c.get()).toMatch(/^HTTP\/1\.1 200/);
    c.end();
  }, 15_000);

  it('still closes an idle connection after the time it is given', async () => {
    const port = await start(1_000);
    const c = client(port);
    expect((await c.get()).toLowerCase()).toContain('keep-alive: timeout=1');
    await sleep(400);
    expect(c.closed).toBe(false);
    // Node closes it a little after the time (about 2 s for 1 s here): it checks idle sockets on a timer.
    for (let waited = 0; !c.closed && waited < 4_000; waited += 50) await sleep(50);
    expect(c.closed).toBe(true);
  });

  it('once closing, ends a connection busy at close() as soon as its answer is sent', async () => {
    const port = await start(65_000, 400);
    const c = client(port);
    const answer = c.get();
    await sleep(100);
    const server = servers[0]!;
    const t0 = performance.now();
    const closed = new Promise<number>((resolve) => server.close(() => resolve(performance.now() - t0)));
    expect(await answer).toMatch(/^HTTP\/1\.1 200/);
    // Within a second of the answer, not after the 65 s keep-alive.
    expect(await closed).toBeLessThan(1_500);
    // The server has let the connection go; the client hears of it a moment later (its FIN to read).
    for (let waited = 0; !c.closed && waited < 500; waited += 10) await sleep(10);
    expect(c.closed).toBe(true);
  });
});
