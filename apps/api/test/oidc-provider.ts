/**
 * A real OpenID provider for tests: `oidc-provider` (a certified implementation) on a free
 * loopback port, with its own development login and consent pages. One confidential client
 * whose redirect URI is the app's callback; PKCE required; people and their claims (email,
 * email_verified, name, groups) as the test gives them. Any password is accepted at its
 * login page: the provider's own authentication is not what these tests are about.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestPerson {
  email?: string;
  email_verified?: boolean;
  /** Entra ID's "email domain owner verified", sent instead of email_verified. */
  xms_edov?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who may sign in, by login name (the subject); change it between sign-ins. */
  people: Map<string, TestPerson>;
  /** Registers the client once the app's address (and so its redirect URI) is known; the provider answers from then on. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

export async function startOidcProvider(options: { people: Record<string, TestPerson> }): Promise<TestOidcProvider> {
  const people = new Map(Object.entries(options.people));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'groundswell';
  const clientSecret = 'a-test-client-secret-that-is-long-enough';
  let handler: ReturnType<Provider['callback']> | undefined;
  server.on('request', (req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503).end();
  });
  const register = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name', 'groups'] },
      cookies: { keys: ['groundswell-test-cookie-key'] },
      // Stated, so the provider does not print a notice for each default it falls back to.
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx, id) {
        const person = people.get(id);
        if (!person) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...people.get(id) }) };
      },
    });
    // oidc-provider warns once about its development keys and pages; that is what a test wants.
    provider.on('server_error', (_ctx, err) => console.error('oidc-provider', err));
    handler = provider.callback();
  };
  return {
    issuer,
    clientId,
    clientSecret,
    people,
    register,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
