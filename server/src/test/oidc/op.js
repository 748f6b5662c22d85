// A real OpenID provider (node-oidc-provider, OpenID certified) for OidcIT, on loopback only.
//
//   node op.js <port> <plenum-base-url>
//
// Prints one JSON line {"issuer": "..."} on stdout when it listens. One client ("plenum", secret "plenum-test-secret")
// is registered with Plenum's fixed redirect URI, its post-logout URI and its back-channel logout URI. The built-in
// login form (devInteractions) signs in the test users below (the password field is not checked by that form).
//
// For the refusal cases the test can switch the provider into a faulty mode with POST /__test/mode {"mode": ...}:
// the token endpoint's ID token is then re-signed with changed claims, as a broken or hostile provider would send it.
//   wrong-issuer   iss changed, signed with the provider's own key
//   expired        exp and iat an hour in the past, signed with the provider's own key
//   wrong-nonce    nonce changed, signed with the provider's own key
//   wrong-audience aud changed, signed with the provider's own key
//   bad-signature  claims unchanged, signed with another key under the same key id
//   normal         as issued
import http from 'node:http';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const port = Number(process.argv[2] || 0);
const plenum = (process.argv[3] || 'http://127.0.0.1:8080').replace(/\/$/, '');
const issuer = `http://127.0.0.1:${port}`;

const USERS = {
  'nguyen.an': { name: 'Nguyễn Văn An', email: 'an@example.gov.vn' },
  'tran.binh': { name: 'Trần Thị Bình', email: 'binh@example.gov.vn' },
  'le.cuong': { name: 'Lê Văn Cường', email: 'cuong@example.gov.vn' },
  'pham.dung': { name: 'Phạm Dũng', email: 'dung@example.gov.vn' },
};

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'op-key-1', alg: 'RS256', use: 'sig' };
const { privateKey: strangerKey } = await jose.generateKeyPair('RS256', { extractable: true });

let mode = 'normal';

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'plenum',
    client_secret: 'plenum-test-secret',
    redirect_uris: [`${plenum}/api/auth/oidc/callback`],
    post_logout_redirect_uris: [`${plenum}/`],
    backchannel_logout_uri: `${plenum}/api/auth/oidc/backchannel-logout`,
    backchannel_logout_session_required: true,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['plenum-test-cookie-key'] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  // Plenum listens on loopback in the tests: let the back-channel logout request reach it (the provider's default
  // dispatcher refuses special-use addresses such as 127.0.0.1, an SSRF guard meant for real deployments).
  fetch: (url, options) => {
    const { dispatcher, ...rest } = options;
    return globalThis.fetch(url, rest);
  },
  features: {
    devInteractions: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  async findAccount(ctx, id) {
    const user = USERS[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: user.name, preferred_username: id, email: user.email, email_verified: true };
      },
    };
  },
});
provider.proxy = false;
provider.on('backchannel.error', (ctx, err) => process.stderr.write(`backchannel.error: ${err.message}\n`));

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body && ctx.body.id_token && mode !== 'normal') {
    const claims = jose.decodeJwt(ctx.body.id_token);
    const now = Math.floor(Date.now() / 1000);
    let key = privateKey;
    if (mode === 'wrong-issuer') claims.iss = 'http://127.0.0.1:1/not-the-issuer';
    if (mode === 'expired') { claims.iat = now - 7200; claims.exp = now - 3600; }
    if (mode === 'wrong-nonce') claims.nonce = 'not-the-nonce';
    if (mode === 'wrong-audience') claims.aud = 'someone-else';
    if (mode === 'bad-signature') key = strangerKey;
    ctx.body = { ...ctx.body, id_token: await new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'op-key-1' }).sign(key) };
  }
});

const server = http.createServer((req, res) => {
  if (req.url === '/__test/mode' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      mode = JSON.parse(body).mode;
      res.writeHead(204).end();
    });
    return;
  }
  provider.callback()(req, res);
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
