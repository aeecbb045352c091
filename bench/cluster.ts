/**
 * Several API processes behind a real nginx on this machine, as deploy/nginx/groundswell.conf
 * and deploy/multi/start-processes.sh set them up (docs/scaling.md): used by
 * bench/multi-process.ts and bench/national.ts. nginx runs in the foreground as this user,
 * with its configuration, pid and temp files under .tmp/bench/nginx-<port>.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, type Server } from './lib.ts';

export interface Cluster {
  /** nginx's address. */
  url: string;
  processes: Server[];
  stop(): Promise<void>;
}

/** The deploy's upstream and server blocks, pointed at these ports and listening on `port`. */
function nginxConfig(port: number, upstreamPorts: number[], prefix: string): string {
  const deploy = readFileSync(join(ROOT, 'deploy/nginx/groundswell.conf'), 'utf8');
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n');
  const site = deploy
    .replace(/(\n {4}server 127\.0\.0\.1:\d+ [^\n]*)+/, `\n${servers}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace(/^#.*$/gm, '');
  return [
    'daemon off;',
    'worker_processes 1;',
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/error.log warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${prefix}/body;`,
    `  proxy_temp_path ${prefix}/proxy;`,
    `  fastcgi_temp_path ${prefix}/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/uwsgi;`,
    `  scgi_temp_path ${prefix}/scgi;`,
    site,
    '}',
  ].join('\n');
}

async function startNginx(port: number, upstreamPorts: number[]): Promise<{ proc: ChildProcess; stop(): Promise<void> }> {
  const prefix = join(ROOT, '.tmp', 'bench', `nginx-${port}`);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, nginxConfig(port, upstreamPorts, prefix));
  const proc = spawn('nginx', ['-p', prefix, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  const failed = new Promise<never>((_, reject) => proc.once('error', (e) => reject(new Error(`nginx did not start (apt-get install -y nginx): ${e.message}`))));
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}); see ${prefix}/error.log`);
    const up = await Promise.race([
      fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      ),
      failed,
    ]);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGQUIT');
      }),
  };
}

/**
 * `count` production server processes (node dist/server.mjs; buildServer first) on ports from
 * `basePort + 1`, nginx on `basePort`. TRUST_PROXY=2: the load generator stands for a CDN in
 * front of nginx, naming each simulated resident in X-Forwarded-For (in production, with
 * nginx the only proxy, it is 1).
 */
export async function startCluster(databaseUrl: string, basePort: number, count: number, env: Record<string, string> = {}): Promise<Cluster> {
  const ports = Array.from({ length: count }, (_, i) => basePort + 1 + i);
  const processes = await Promise.all(ports.map((p) => startServer(databaseUrl, p, [], { TRUST_PROXY: '2', PUBLIC_URL: `http://127.0.0.1:${basePort}`, ...env })));
  const nginx = await startNginx(basePort, ports);
  return {
    url: `http://127.0.0.1:${basePort}`,
    processes,
    async stop() {
      await nginx.stop();
      await Promise.all(processes.map((p) => p.stop()));
    },
  };
}
