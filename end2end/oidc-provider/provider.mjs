// The authority's identity provider as the tests meet it (issue 52, seed 003's 用报名系统账号登录):
// panva/oidc-provider (OpenID Certified) on loopback, plain http, in-memory state, with its own
// small log-in and consent pages. Started by the server tests (server/tests/support/oidc.rs), the
// browser tests and, when asked, the demo (scripts/run.sh); never by a real installation.
//
// Env:
//   OIDC_PORT            port on 127.0.0.1 (default 3050); issuer = http://127.0.0.1:<port>
//   OIDC_REDIRECT_URI    client redirect URI(s), comma separated (default http://127.0.0.1:3000/auth/oidc/callback)
//   OIDC_POST_LOGOUT_REDIRECT_URI  where sign-out at the provider sends the browser back (default:
//                        each redirect URI's origin + /login)
//   OIDC_CLIENT_ID       default "zige"
//   OIDC_CLIENT_SECRET   default "zige-test-secret-0123456789abcdef"
//   OIDC_AUTH_METHOD     client_secret_basic (default) | client_secret_post
//   OIDC_ACCOUNTS        path of the accounts JSON file (default ./demo-accounts.json)
//   OIDC_KEY_ALG         RS256 (default) | ES256 | EdDSA  : ID token signing algorithm / key type
//   OIDC_CLAIMS_IN_ID_TOKEN  1 (default): scope claims go into the ID token too;
//                        0: spec-conform, claims only from userinfo (or via the `claims` request param)
//   OIDC_SKIP_CONSENT    1: grant every requested scope without showing the consent page (default 0)
//
// Admin (loopback test hooks, not OIDC):
//   POST /__admin/rotate-keys[?keep_previous=1]  new signing key; old one dropped (or kept, listed second)
//   POST /__admin/tamper-next-token?how=…          the next /token answer carries a bad ID token:
//        expired (signed, exp passed), other-audience (signed for another client),
//        forged-signature (a claim changed after signing), unknown-key (signed by a key never published)
//   POST /__admin/withdraw?account=…&exam=…         the account's registration for that exam is
//        withdrawn, as at the registration system: its next sign-in's claim no longer names it
//   GET  /__admin/health                           {"issuer", "kids"}
//   SIGHUP                                         same as rotate-keys without keep_previous
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as querystring from 'node:querystring';

import Provider from 'oidc-provider';
// Internal module (no "exports" map in oidc-provider 9.x, version pinned exactly): one shared
// in-memory store, so that sessions, codes and grants survive swapping the Provider instance
// on key rotation.
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

const env = process.env;
const PORT = Number(env.OIDC_PORT || 3050);
const HOST = '127.0.0.1';
const ISSUER = `http://${HOST}:${PORT}`;
const CLIENT_ID = env.OIDC_CLIENT_ID || 'zige';
const CLIENT_SECRET = env.OIDC_CLIENT_SECRET || 'zige-test-secret-0123456789abcdef';
const AUTH_METHOD = env.OIDC_AUTH_METHOD || 'client_secret_basic';
const REDIRECT_URIS = (env.OIDC_REDIRECT_URI || 'http://127.0.0.1:3000/auth/oidc/callback')
  .split(',').map((s) => s.trim()).filter(Boolean);
const POST_LOGOUT_REDIRECT_URIS = env.OIDC_POST_LOGOUT_REDIRECT_URI
  ? [env.OIDC_POST_LOGOUT_REDIRECT_URI]
  : REDIRECT_URIS.map((uri) => `${new URL(uri).origin}/login`);
const ACCOUNTS_FILE = env.OIDC_ACCOUNTS
  || path.join(path.dirname(new URL(import.meta.url).pathname), 'demo-accounts.json');
const KEY_ALG = env.OIDC_KEY_ALG || 'RS256';
const CLAIMS_IN_ID_TOKEN = (env.OIDC_CLAIMS_IN_ID_TOKEN ?? '1') !== '0';
const SKIP_CONSENT = env.OIDC_SKIP_CONSENT === '1';
// OIDC_TRACE_START=1: each step of the start on stderr with its time, so that a start that never
// listens (twice in CI's PostgreSQL pass) says where it stood.
const startedAt = Date.now();
const startStep = (step) => {
  if (env.OIDC_TRACE_START === '1') console.error(`oidc-provider start: ${step} at ${Date.now() - startedAt} ms`);
};
startStep('modules loaded');

// ---------------------------------------------------------------- accounts
// File: [{ "id", "password", "name", "phone_number", "id_number", "registrations": [...] }, ...]
// or { "accounts": [ ... ] }. `id` is the login name and the `sub`.
function loadAccounts() {
  const raw = JSON.parse(fs.readFileSync(ACCOUNTS_FILE, 'utf8'));
  const list = Array.isArray(raw) ? raw : raw.accounts;
  return new Map(list.map((a) => [String(a.id), a]));
}
const accounts = loadAccounts();
startStep('accounts read');

async function findAccount(ctx, id) {
  const a = accounts.get(String(id));
  if (!a) return undefined;
  return {
    accountId: a.id,
    // Called for the ID token ('id_token') and userinfo ('userinfo'); the provider filters the
    // result down to the granted scopes/claims.
    async claims(use, scope) {
      return {
        sub: a.id,
        name: a.name,
        phone_number: a.phone_number,
        phone_number_verified: a.phone_number ? true : undefined,
        id_number: a.id_number,
        registrations: a.registrations ?? [],
      };
    },
  };
}

// ---------------------------------------------------------------- keys
function newSigningKey() {
  let pair;
  if (KEY_ALG === 'RS256') pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  else if (KEY_ALG === 'ES256') pair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  else if (KEY_ALG === 'EdDSA') pair = crypto.generateKeyPairSync('ed25519');
  else throw new Error(`OIDC_KEY_ALG ${KEY_ALG} not supported`);
  const jwk = pair.privateKey.export({ format: 'jwk' });
  return {
    ...jwk, use: 'sig', alg: KEY_ALG, kid: `k-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`,
  };
}
let signingKeys = [newSigningKey()];
startStep('signing key made');

// ---------------------------------------------------------------- provider
const adapter = createMemoryAdapter(0);
const cookieKeys = [crypto.randomBytes(32).toString('base64url')];

function buildProvider() {
  const provider = new Provider(ISSUER, {
    adapter,
    clients: [{
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: REDIRECT_URIS,
      post_logout_redirect_uris: POST_LOGOUT_REDIRECT_URIS,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: AUTH_METHOD,
      id_token_signed_response_alg: KEY_ALG,
    }],
    jwks: { keys: signingKeys },
    cookies: { keys: cookieKeys },
    pkce: { required: () => true }, // only S256 exists in oidc-provider 9
    scopes: ['openid', 'profile', 'phone', 'identity'],
    claims: {
      openid: ['sub'],
      profile: ['name'],
      phone: ['phone_number', 'phone_number_verified'],
      identity: ['id_number', 'registrations'], // custom scope carrying custom claims
    },
    conformIdTokenClaims: !CLAIMS_IN_ID_TOKEN,
    findAccount,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      // RP-Initiated Logout 1.0: the end_session_endpoint asks the person before signing them out.
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant: SKIP_CONSENT ? autoGrant : undefined,
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600,
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('错误', `<pre id="error">${esc(JSON.stringify(out, null, 2))}</pre>`);
    },
  });
  provider.on('server_error', (ctx, err) => console.error('server_error', err));
  return provider;
}

async function logoutSource(ctx, form) {
  ctx.type = 'html';
  ctx.body = page('退出报名系统', `${form}<p>是否退出报名系统账号？</p>
<button id="logout-yes" type="submit" form="op.logoutForm" name="logout" value="yes">退出</button>
<button id="logout-no" type="submit" form="op.logoutForm">保持登录</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = page('已退出报名系统', '<p id="logged-out">已退出。</p>');
}

async function autoGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
  grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

let provider = buildProvider();
let providerCallback = provider.callback();

function rotateKeys(keepPrevious) {
  const fresh = newSigningKey();
  signingKeys = keepPrevious ? [fresh, ...signingKeys] : [fresh];
  provider = buildProvider(); // same adapter + cookie keys: sessions and codes survive
  providerCallback = provider.callback();
  console.log(`keys rotated: ${signingKeys.map((k) => k.kid).join(', ')}`);
  return signingKeys.map((k) => k.kid);
}
process.on('SIGHUP', () => rotateKeys(false));

// ---------------------------------------------------------------- bad tokens, for the tests
// The relying party must refuse each; they are made from the real answer, so everything else in
// it is right.
let tamperNext = null;
const b64url = (buffer) => Buffer.from(buffer).toString('base64url');

function signJwt(header, payload, jwk) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const key = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  const digest = KEY_ALG === 'EdDSA' ? null : 'sha256';
  const options = KEY_ALG === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key;
  return `${input}.${b64url(crypto.sign(digest, Buffer.from(input), options))}`;
}

function tamperedIdToken(idToken, how) {
  const [rawHeader, rawPayload, signature] = idToken.split('.');
  const header = JSON.parse(Buffer.from(rawHeader, 'base64url'));
  const payload = JSON.parse(Buffer.from(rawPayload, 'base64url'));
  const now = Math.floor(Date.now() / 1000);
  const current = signingKeys.find((k) => k.kid === header.kid) ?? signingKeys[0];
  switch (how) {
    case 'expired':
      return signJwt(header, { ...payload, iat: now - 7200, exp: now - 3600 }, current);
    case 'other-audience':
      return signJwt(header, { ...payload, aud: 'another-client', azp: 'another-client' }, current);
    case 'forged-signature':
      return `${rawHeader}.${b64url(JSON.stringify({ ...payload, id_number: '11010519491231002X' }))}.${signature}`;
    case 'unknown-key': {
      const stranger = newSigningKey();
      return signJwt({ ...header, kid: stranger.kid }, payload, stranger);
    }
    default:
      throw new Error(`tamper-next-token: unknown how=${how}`);
  }
}

/** Rewrites the /token answer the provider is about to send. */
function tamperTokenAnswer(res, how) {
  const chunks = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk) => { chunks.push(Buffer.from(chunk)); return true; };
  res.end = (chunk) => {
    if (chunk) chunks.push(Buffer.from(chunk));
    let body = Buffer.concat(chunks).toString('utf8');
    try {
      const answer = JSON.parse(body);
      if (answer.id_token) answer.id_token = tamperedIdToken(answer.id_token, how);
      body = JSON.stringify(answer);
    } catch (err) {
      console.error('tamper failed:', err.message);
    }
    res.setHeader('content-length', Buffer.byteLength(body));
    res.write = write;
    return end(body);
  };
}

// ---------------------------------------------------------------- interaction pages
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { data += c; if (data.length > 1e5) req.destroy(); });
    req.on('end', () => resolve(querystring.parse(data)));
    req.on('error', reject);
  });
}

function loginPage(uid, error) {
  return page('登录', `${error ? `<p id="login-error" role="alert">${esc(error)}</p>` : ''}
<form id="login-form" method="post" action="/interaction/${esc(uid)}/login" autocomplete="off">
  <label>账号 <input id="login" name="login" required autofocus></label>
  <label>密码 <input id="password" name="password" type="password" required></label>
  <button id="login-submit" type="submit">登录</button>
</form>
<p><a id="abort" href="/interaction/${esc(uid)}/abort">取消</a></p>`);
}

function consentPage(uid, clientId, details) {
  const scopes = details.missingOIDCScope ?? [];
  return page('授权', `<p>应用 <b>${esc(clientId)}</b> 请求以下权限：</p>
<ul id="scopes">${scopes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>
<form id="consent-form" method="post" action="/interaction/${esc(uid)}/confirm">
  <button id="consent-submit" type="submit">同意</button>
</form>
<p><a id="abort" href="/interaction/${esc(uid)}/abort">拒绝</a></p>`);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('错误', 'interaction mismatch'));
  const { prompt, params, session, grantId } = details;

  if (req.method === 'GET' && !action) {
    if (prompt.name === 'login') return send(res, 200, loginPage(uid));
    if (prompt.name === 'consent') return send(res, 200, consentPage(uid, params.client_id, prompt.details));
    return send(res, 501, page('错误', `prompt ${esc(prompt.name)} not implemented`));
  }
  if (req.method === 'GET' && action === 'abort') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'End-User aborted interaction',
    }, { mergeWithLastSubmission: false });
  }
  if (req.method === 'POST' && action === 'login' && prompt.name === 'login') {
    const form = await readForm(req);
    const a = accounts.get(String(form.login ?? ''));
    const ok = a && typeof form.password === 'string' && a.password.length === form.password.length
      && crypto.timingSafeEqual(Buffer.from(a.password), Buffer.from(form.password));
    if (!ok) return send(res, 401, loginPage(uid, '账号或密码错误'));
    return provider.interactionFinished(req, res, {
      login: { accountId: a.id, amr: ['pwd'] },
    }, { mergeWithLastSubmission: false });
  }
  if (req.method === 'POST' && action === 'confirm' && prompt.name === 'consent') {
    await readForm(req);
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const d = prompt.details;
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    if (d.missingResourceScopes) {
      for (const [indicator, s] of Object.entries(d.missingResourceScopes)) grant.addResourceScope(indicator, s.join(' '));
    }
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, {
      mergeWithLastSubmission: true,
    });
  }
  return send(res, 400, page('错误', 'unexpected request for this interaction step'));
}

// ---------------------------------------------------------------- server
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, ISSUER);
  try {
    if (url.pathname === '/__admin/rotate-keys' && req.method === 'POST') {
      const kids = rotateKeys(url.searchParams.get('keep_previous') === '1');
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ kids }));
    }
    if (url.pathname === '/__admin/tamper-next-token' && req.method === 'POST') {
      tamperNext = url.searchParams.get('how');
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ tamper: tamperNext }));
    }
    if (url.pathname === '/__admin/withdraw' && req.method === 'POST') {
      const account = accounts.get(url.searchParams.get('account') ?? '');
      if (!account) return send(res, 404, 'no such account');
      const exam = url.searchParams.get('exam');
      account.registrations = (account.registrations ?? []).filter((r) => r.exam !== exam);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ registrations: account.registrations }));
    }
    if (url.pathname === '/token' && tamperNext) {
      tamperTokenAnswer(res, tamperNext);
      tamperNext = null;
    }
    if (url.pathname === '/__admin/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ issuer: ISSUER, kids: signingKeys.map((k) => k.kid) }));
    }
    const m = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/);
    if (m) return await interaction(req, res, m[1], m[2]);
    return providerCallback(req, res);
  } catch (err) {
    // SessionNotFound etc. (expired / missing interaction cookie)
    console.error('interaction error:', err.name, err.message);
    if (!res.headersSent) send(res, err.statusCode || 500, page('错误', `<pre id="error">${esc(err.name)}: ${esc(err.message)}</pre>`));
  }
});

startStep('provider built, listening next');
server.on('error', (err) => {
  console.error(`oidc-provider cannot listen on ${HOST}:${PORT}: ${err.code ?? err.message}`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  console.log(`oidc-provider listening, issuer ${ISSUER}, client ${CLIENT_ID} (${AUTH_METHOD}), `
    + `redirect_uris ${REDIRECT_URIS.join(' ')}, alg ${KEY_ALG}, accounts ${accounts.size} from ${ACCOUNTS_FILE}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
