import * as oidc from 'openid-client';
import type { OidcClaims, OidcPort } from '../../app/ports.ts';

// OpenID Connect sign-in (e.g. Microsoft Entra ID) with openid-client: authorization code flow with
// PKCE, state and nonce. Discovery happens on first use, so a provider that is down does not stop the
// server from starting.
export function createOidcClient(settings: {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  allowHttp: boolean;
}): OidcPort {
  let configuration: Promise<oidc.Configuration> | undefined;
  const config = () => {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        settings.clientSecret ? undefined : oidc.None(),
        settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  return {
    issuer: settings.issuer,
    async start(redirectUri) {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, checks: { verifier, state, nonce } };
    },
    async finish(currentUrl, checks): Promise<OidcClaims> {
      const configuration = await config();
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(currentUrl), {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      // Providers may keep profile claims out of the ID token (OIDC core §5.4): ask the userinfo endpoint.
      const claims: Record<string, unknown> =
        typeof idClaims.email === 'string'
          ? idClaims
          : {
              ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)),
              iss: idClaims.iss,
              sub: idClaims.sub,
            };
      return {
        issuer: String(claims.iss),
        subject: String(claims.sub),
        email: typeof claims.email === 'string' ? claims.email : null,
        emailVerified: claims.email_verified === true,
        name: typeof claims.name === 'string' ? claims.name : null,
      };
    },
  };
}
