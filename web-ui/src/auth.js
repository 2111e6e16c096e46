// Sign-in through Keycloak's own login page: OIDC authorization code with PKCE (keycloak-js), the
// realm annotationlab and its public client lab-web, reached on this origin under /auth.
import Keycloak from 'keycloak-js';

export const keycloak = new Keycloak({ url: `${location.origin}/auth`, realm: 'annotationlab', clientId: 'lab-web' });

/** Signs the user in (redirecting to Keycloak when needed) and keeps the token fresh silently. */
export async function signIn() {
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
  // Refresh a little before expiry; a refresh that fails (session ended) sends the user to log in.
  setInterval(() => keycloak.updateToken(60).catch(() => keycloak.login()), 20_000);
}

/** A token valid for at least 30 s more. */
export async function token() {
  await keycloak.updateToken(30).catch(() => keycloak.login());
  return keycloak.token;
}

export function user() {
  const t = keycloak.tokenParsed ?? {};
  return { username: t.preferred_username, name: t.name || t.preferred_username,
    admin: (t.realm_access?.roles ?? []).includes('admin') };
}

export function signOut() {
  return keycloak.logout({ redirectUri: `${location.origin}/` });
}
