// A test identity provider in the manner of VNeID, for the tests and the demo: npm
// oidc-provider (an OpenID Certified implementation) with the authorization code flow and PKCE
// required, acr LoA1/LoA2, the national gateway's claim names beside the standard ones,
// RP-initiated and back-channel logout, and a Vietnamese login page (số định danh, mật khẩu,
// mã OTP) that says it is a test provider and lists its citizens.
//
//   IDP_PORT=9090 RP_BASE=http://127.0.0.1:8080 node e2e/idp/server.mjs
//
// One client, dvc-app / test-only-secret, whose addresses follow RP_BASE. Signing keys are
// made at every start: nothing here is a secret worth keeping.

import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { citizens, claimsOf, byIdNumber, bySub, PASSWORD, OTP } from './citizens.mjs';

const port = Number(process.env.IDP_PORT || 9090);
const rpBase = (process.env.RP_BASE || 'http://127.0.0.1:8080').replace(/\/$/, '');
const issuer = `http://127.0.0.1:${port}`;

const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: `test-${randomBytes(4).toString('hex')}`,
  use: 'sig',
  alg: 'RS256',
};

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1b1b;line-height:1.5}
main{max-width:30rem;margin:0 auto;padding:1rem}
.test{background:#fff3cd;border:2px solid #8a6d00;padding:.75rem;margin-bottom:1rem}
label{display:block;font-weight:600;margin-top:.75rem}
input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:2px solid #555;margin-top:.25rem}
input:focus,button:focus{outline:3px solid #0b5cad;outline-offset:2px}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;background:#a50e0e;color:#fff;border:0;cursor:pointer}
.errors{border:3px solid #a50e0e;background:#fff;padding:.5rem 1rem}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #999;padding:.3rem;text-align:left}`;

function page(title, body) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>${STYLE}</style></head><body><main>
<p class="test" role="note"><strong>Nhà cung cấp định danh THỬ NGHIỆM.</strong> Đây không phải VNeID thật: chỉ dùng cho kiểm thử và trình diễn.</p>
${body}</main></body></html>`;
}

function citizenTable() {
  const rows = citizens
    .map((c) => `<tr><td>${esc(c.SoDinhDanh)}</td><td>${esc(c.HoVaTen)}</td><td>Mức ${c.level}</td></tr>`)
    .join('');
  return `<h2>Công dân thử nghiệm</h2>
<p>Mật khẩu của mọi người: <code>${esc(PASSWORD)}</code>, mã OTP: <code>${esc(OTP)}</code>.</p>
<table><thead><tr><th scope="col">Số định danh</th><th scope="col">Họ và tên</th><th scope="col">Tài khoản</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function loginPage(uid, { idNumber = '', errors = [] } = {}) {
  const summary = errors.length
    ? `<div class="errors" role="alert" tabindex="-1" id="loi"><h2>Chưa đăng nhập được</h2><ul>${errors
        .map((e) => `<li>${esc(e)}</li>`)
        .join('')}</ul></div>`
    : '';
  return page(
    'Đăng nhập bằng tài khoản định danh điện tử (thử nghiệm)',
    `<h1>Đăng nhập bằng tài khoản định danh điện tử</h1>${summary}
<form method="post" action="/interaction/${esc(uid)}" novalidate>
<label for="so-dinh-danh">Số định danh cá nhân</label>
<input id="so-dinh-danh" name="so_dinh_danh" inputmode="numeric" autocomplete="username" value="${esc(idNumber)}" ${errors.length ? 'aria-invalid="true"' : 'autofocus'}>
<label for="mat-khau">Mật khẩu</label>
<input id="mat-khau" name="mat_khau" type="password" autocomplete="current-password">
<label for="otp">Mã OTP</label>
<input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code">
<button type="submit">Đăng nhập</button>
</form>${citizenTable()}`,
  );
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'dvc-app',
      client_secret: 'test-only-secret',
      client_name: 'Dịch vụ công (ứng dụng thử)',
      redirect_uris: [`${rpBase}/auth/callback`],
      post_logout_redirect_uris: [`${rpBase}/`],
      backchannel_logout_uri: `${rpBase}/auth/backchannel-logout`,
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    // A second client, for a test that needs an ID token meant for someone else.
    {
      client_id: 'other-app',
      client_secret: 'other-test-only-secret',
      redirect_uris: [`${rpBase}/other/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [signingKey] },
  pkce: { required: () => true },
  acrValues: ['LoA1', 'LoA2'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'birthdate', 'gender', 'SoDinhDanh', 'HoVaTen', 'NgayThangNamSinh', 'GioiTinh', 'LoaiTaiKhoan', 'IAL', 'loAs'],
    phone: ['phone_number', 'SoDienThoai'],
    email: ['email', 'ThuDienTu'],
    address: ['address', 'ThuongTru'],
  },
  scopes: ['openid', 'profile', 'phone', 'email', 'address'],
  async findAccount(_ctx, sub) {
    const citizen = bySub(sub);
    if (!citizen) return undefined;
    return { accountId: sub, claims: async () => claimsOf(citizen) };
  },
  // The app is the province's own (first party): no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
    await grant.save();
    return grant;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // Not `_session`: cookies do not tell ports apart, and the app runs on this same 127.0.0.1.
  cookies: {
    names: { session: 'test_idp_session', interaction: 'test_idp_interaction', resume: 'test_idp_resume' },
    keys: [randomBytes(32).toString('hex')],
  },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page(
          'Đăng xuất (thử nghiệm)',
          `<h1>Đăng xuất khỏi tài khoản định danh?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>
<button type="submit" form="op.logoutForm">Vẫn đăng nhập</button>`,
        );
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Đã đăng xuất (thử nghiệm)', '<h1>Bạn đã đăng xuất</h1>');
      },
    },
  },
  // Its guard against requests to special-use addresses would refuse the back-channel logout
  // to the app, which here runs on 127.0.0.1 like the provider itself.
  fetch(url, { dispatcher: _guard, ...options }) {
    return globalThis.fetch(url, options);
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page(
      'Lỗi đăng nhập (thử nghiệm)',
      `<h1>Không đăng nhập được</h1><p>${esc(out.error)}: ${esc(out.error_description || '')}</p>`,
    );
  },
});

provider.on('backchannel.error', (_ctx, error, client) => {
  console.error(`back-channel logout to ${client.clientId} failed: ${error.message} ${error.cause ?? ""}`);
});
provider.on('server_error', (_ctx, error) => console.error(`server error: ${error.stack}`));

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const send = (html, status = 200) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
  if (req.method === 'GET') return send(loginPage(details.uid));
  const form = await readForm(req);
  const idNumber = form.get('so_dinh_danh') || '';
  const citizen = byIdNumber(idNumber);
  const errors = [];
  if (!citizen || form.get('mat_khau') !== PASSWORD) errors.push('Số định danh hoặc mật khẩu không đúng.');
  if ((form.get('otp') || '').trim() !== OTP) errors.push('Mã OTP không đúng.');
  if (errors.length) return send(loginPage(details.uid, { idNumber, errors }), 400);
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: citizen.sub, acr: `LoA${citizen.level}`, amr: ['pwd', 'otp'], remember: true } },
    { mergeWithLastSubmission: false },
  );
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  const path = new URL(req.url, issuer).pathname;
  if (path.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Lỗi (thử nghiệm)', `<h1>Phiên đăng nhập không còn hiệu lực</h1><p>${esc(error.message)}</p>`));
    });
  } else if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Nhà cung cấp định danh thử nghiệm', `<h1>Nhà cung cấp định danh thử nghiệm</h1>${citizenTable()}`));
  } else {
    callback(req, res);
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`test identity provider at ${issuer} for ${rpBase}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
