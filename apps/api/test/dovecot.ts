/**
 * A real IMAP server for the email connector's tests: Debian's dovecot started as its own
 * instance (temp config, passwd-file users, maildir in a temp folder, 127.0.0.1 on a free
 * port, no TLS, foreground), and an SMTP catcher from the smtp-server library for replies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

export function requireDovecot(): void {
  if (!existsSync(DOVECOT)) throw new Error(`dovecot not found at ${DOVECOT}. Install it (apt-get install -y dovecot-imapd) or set DOVECOT_PATH.`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Dovecot {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts dovecot with the given users (name → password); resolves once it accepts connections. */
export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  requireDovecot();
  const dir = mkdtempSync(join(tmpdir(), 'gs-dv-'));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // As root dovecot drops to its own users and refuses uid 0 for mail; otherwise everything runs as us.
  const me = userInfo();
  const internalUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  const mailUid = root ? 65534 : me.uid;
  const mailGid = root ? 65534 : me.gid;
  const mail = join(dir, 'mail');
  writeFileSync(
    join(dir, 'passwd'),
    Object.entries(users)
      .map(([u, p]) => `${u}:{PLAIN}${p}\n`)
      .join(''),
  );
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  // Dovecot's own processes read the config and users, and the mail processes walk into the maildir.
  chmodSync(dir, 0o755);
  if (root) chownSync(mail, mailUid, mailGid);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = gs-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = /dev/stderr
default_internal_user = ${internalUser}
default_internal_group = ${root ? 'dovecot' : me.username}
default_login_user = ${loginUser}
first_valid_uid = 1
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${mail}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited at start: ${log}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (open) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`dovecot did not listen on ${port}: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: '127.0.0.1',
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CaughtMail {
  envelope: { from: string; to: string[] };
  auth: { username: string; password: string } | null;
  parsed: ParsedMail;
  raw: Buffer;
}

/** An SMTP server on a free port that keeps what it is sent, with password auth over plain TCP. */
export async function startSmtpCatcher(accounts: Record<string, string>) {
  const caught: CaughtMail[] = [];
  let connections = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onConnect(_session, cb) {
      connections += 1;
      cb();
    },
    onAuth(auth, _session, cb) {
      if (auth.username && accounts[auth.username] === auth.password) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        caught.push({
          envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
          auth: session.user ? { username: String(session.user), password: accounts[String(session.user)] ?? '' } : null,
          parsed: await simpleParser(raw),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, caught, connections: () => connections, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
