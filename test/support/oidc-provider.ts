import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll } from 'vitest';
import { createOidcClient } from '../../src/adapters/auth/oidc-client.ts';
import { freePort } from './postgres-server.ts';

// A real OpenID Connect provider on loopback (oidc-provider), with its development login screens.
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
  /** Walks the provider's login and consent screens as `accountId` and returns the redirect back to the app. */
  authorize(authorizationUrl: string): Promise<string>;
  accounts: Map<string, { email: string; email_verified: boolean; name: string }>;
}

export async function startOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, { email: string; email_verified: boolean; name: string }>();
  const clientId = 'mci-test';
  const clientSecret = 'test-secret-that-is-long-enough-for-hs256-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  });
  provider.on('server_error', () => {});
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  let loginAs = '';
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      jar.set(pair.slice(0, index), pair.slice(index + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: cookieHeader() },
    });
    remember(response);
    return response;
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async authorize(authorizationUrl) {
      jar.clear(); // a fresh browser each time: no provider session carried over
      let url = authorizationUrl;
      for (let step = 0; step < 12; step++) {
        const response = await go(url);
        const location = response.headers.get('location');
        if (location) {
          const next = new URL(location, url).href;
          if (next.startsWith(redirectUri.split('/api/')[0]!)) return next;
          url = next;
          continue;
        }
        // An interaction screen: answer it the way its form would.
        const html = await response.text();
        const uid = /\/interaction\/([^/"?]+)/.exec(url)?.[1];
        const prompt = html.includes('name="login"') ? 'login' : 'consent';
        const body = new URLSearchParams(
          prompt === 'login' ? { prompt, login: loginAs, password: 'x' } : { prompt },
        );
        const submitted = await go(`${issuer}/interaction/${uid}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        url = new URL(submitted.headers.get('location') ?? url, url).href;
      }
      throw new Error('the provider did not redirect back');
    },
    set loginAs(value: string) {
      loginAs = value;
    },
  } as TestOidcProvider & { loginAs: string };
}

/** The app's public URL in the OpenID Connect tests: the provider redirects there; requests are injected. */
export const OIDC_PUBLIC_URL = 'http://mci.localhost';

/**
 * A provider started once for the test file (call at its top level), and the app options (`useTestApp`) whose OpenID Connect
 * client uses it. `provider()` is the running provider (set `loginAs` before `authorize`).
 */
export function setUpOidcProvider() {
  let provider: TestOidcProvider & { loginAs: string };
  beforeAll(async () => {
    provider = (await startOidcProvider(`${OIDC_PUBLIC_URL}/api/v1/auth/oidc/callback`)) as typeof provider;
  });
  afterAll(async () => {
    await provider?.stop();
  });
  return {
    provider: () => provider,
    appOptions: {
      publicUrl: OIDC_PUBLIC_URL,
      oidc: () =>
        createOidcClient({
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          allowHttp: true,
        }),
    },
  };
}
