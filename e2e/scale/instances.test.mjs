// Two instances of the reference API sharing one PostgreSQL database, behind nginx
// (scripts/test-postgres.sh starts them and sets DVC_SCALE_*): what one instance promises,
// the other keeps. Each test sends to instance A and instance B directly, or through nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homeAddress } from '../page/filing.mjs';

const { DVC_SCALE_A: A, DVC_SCALE_B: B, DVC_SCALE_LB: LB, DVC_SCALE_WORK: WORK, DVC_SCALE_PG: PG } = process.env;
const SECRET = process.env.DVC_E2E_BANK_SECRET;
const RUN = Date.now().toString(36);

/** One value from the shared database, as psql prints it. */
function sql(query) {
  return execFileSync('psql', [PG, '-qAtc', query], { encoding: 'utf8' }).trim();
}

async function upload(base) {
  const response = await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { 'x-file-name': 'so-ho-khau.pdf' }, body: '%PDF-1.4\n%%EOF\n' });
  assert.equal(response.status, 201, `upload: ${response.status}`);
  return (await response.json()).id;
}

/** A residence registration (it has a fee) by applicant `cccd`, its file uploaded to `base`. */
async function dossier(base, cccd, name = 'Trần Thị Mai') {
  return {
    procedure_code: '1.004222',
    answers: {
      applicant: { kind: 'citizen', full_name: name, id_number: cccd, birth_date: '03/03/1990', sex: 'female', phone: '0912888002', email: '',
        address: await homeAddress(base, 'Số 5') },
      fields: { dia_chi_moi: 'Số 5', ho_ten_chu_ho: name, dinh_danh_chu_ho: cccd, quan_he_chu_ho: 'chu_ho', truong_hop: 'nha_so_huu' },
      documents: { giay_to_1: [await upload(base)] },
    },
  };
}

function file(base, body, key) {
  return fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
}

async function openBill(base, code, cccd) {
  const response = await fetch(`${base}/api/v1/dossiers/${code}/payment`, { method: 'POST', headers: { 'x-applicant': cccd } });
  assert.ok(response.ok, `opening the bill: ${response.status}`);
  return response.json();
}

function notify(base, transactionId, amount, note) {
  const body = JSON.stringify({ transaction_id: transactionId, amount, note, time: '05/02/2027 09:00' });
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
  return fetch(`${base}/api/v1/bank-notifications`, { method: 'POST', headers: { 'x-signature': signature }, body });
}

/** A CCCD of a woman born in 1990, unique to this run and `n`. */
function cccd(n) {
  return `026190${String((parseInt(RUN.slice(-4), 36) * 97 + n) % 1_000_000).padStart(6, '0')}`;
}

test('the same Idempotency-Key sent 50 times at once to both instances files one dossier', async () => {
  const who = cccd(1);
  const body = await dossier(A, who);
  const key = `scale-key-${RUN}`;
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => file(i % 2 ? B : A, body, key)));
  const codes = new Set();
  for (const response of answers) {
    assert.ok([200, 201].includes(response.status), `filing: ${response.status}`);
    codes.add((await response.json()).code);
  }
  assert.equal(codes.size, 1, 'every answer names the same dossier');
  assert.equal(sql(`SELECT count(*) FROM dossiers WHERE applicant_id_number = '${who}'`), '1');
  assert.equal(sql(`SELECT count(*) FROM idempotency_keys WHERE key = '${key}'`), '1');
});

test('one signed bank notification sent 50 times at once to both instances pays once, with one receipt', async () => {
  const who = cccd(2);
  const code = (await (await file(A, await dossier(A, who), `scale-pay-${RUN}`)).json()).code;
  const bill = await openBill(B, code, who);
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) => notify(i % 2 ? A : B, `SCALE-${RUN}-1`, bill.amount, bill.bill_number)),
  );
  const fresh = [];
  for (const response of answers) {
    assert.equal(response.status, 200);
    const result = await response.json();
    if (!result.replayed) fresh.push(result);
  }
  assert.equal(fresh.length, 1, 'one copy was the transfer, the others its replays');
  assert.equal(sql(`SELECT status || ' ' || received || '/' || amount FROM payments WHERE id = '${bill.id}'`), `paid ${bill.amount}/${bill.amount}`);
  assert.equal(sql(`SELECT count(*) FROM receipts WHERE bill_number = '${bill.bill_number}'`), '1');
  assert.equal(sql(`SELECT count(*) FROM bank_transactions WHERE transaction_id = 'SCALE-${RUN}-1'`), '1');
});

/** The next `event: payment` of an open event stream, parsed. */
async function nextPayment(reader, state) {
  const decoder = new TextDecoder();
  for (;;) {
    const end = state.buffer.indexOf('\n\n');
    if (end >= 0) {
      const block = state.buffer.slice(0, end);
      state.buffer = state.buffer.slice(end + 2);
      if (/^event: payment$/m.test(block)) return JSON.parse(block.match(/^data: (.*)$/m)[1]);
      continue;
    }
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended');
    state.buffer += decoder.decode(value, { stream: true });
  }
}

test('a bill settled through instance B reaches an event stream open on instance A within 2 s', async () => {
  const who = cccd(3);
  const code = (await (await file(B, await dossier(B, who), `scale-events-${RUN}`)).json()).code;
  const bill = await openBill(A, code, who);
  const stream = await fetch(`${A}/api/v1/payments/${bill.id}/events`);
  assert.equal(stream.status, 200);
  const reader = stream.body.getReader();
  const state = { buffer: '' };
  assert.equal((await nextPayment(reader, state)).status, 'pending', 'the bill as it stands first');
  const sent = performance.now();
  assert.equal((await notify(B, `SCALE-${RUN}-2`, bill.amount, bill.bill_number)).status, 200);
  const heard = await nextPayment(reader, state);
  const took = performance.now() - sent;
  await reader.cancel();
  assert.equal(heard.status, 'paid');
  assert.ok(took < 2000, `heard on A ${Math.round(took)} ms after B settled it`);
});

test('a handoff made on A is taken once, on B; a second take on either is a 404', async () => {
  const made = await fetch(`${A}/api/v1/handoffs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ step: 2, run: RUN }) });
  assert.equal(made.status, 201);
  const { token } = await made.json();
  const taken = await fetch(`${B}/api/v1/handoffs/${token}`);
  assert.equal(taken.status, 200);
  assert.deepEqual(await taken.json(), { step: 2, run: RUN });
  assert.equal((await fetch(`${B}/api/v1/handoffs/${token}`)).status, 404);
  assert.equal((await fetch(`${A}/api/v1/handoffs/${token}`)).status, 404);
});

test('rate limits hold across instances: 30 wrong lookups a minute per client, wherever they land', async () => {
  // A client behind the proxy (both instances trust 127.0.0.1), outside the kiosk networks.
  const statuses = [];
  for (let n = 0; n < 40; n += 1) {
    const response = await fetch(`${n % 2 ? B : A}/api/v1/dossiers/000.00.00.H62-050227-${String(9000 + n)}`, {
      headers: { 'x-applicant': '026190000000', 'x-forwarded-for': '198.51.100.77' },
    });
    statuses.push(response.status);
  }
  assert.deepEqual(statuses.slice(0, 30), Array(30).fill(404), 'each instance alone would allow 20 of these');
  assert.deepEqual(statuses.slice(30), Array(10).fill(429));
});

async function until(what, f, ms = 15000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const value = await f();
      if (value) return value;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Filing, opening the bill and paying it through nginx, each step retried as the app does
 * (the same key, the same transaction) until acknowledged. */
async function citizen(n, acknowledged) {
  const who = cccd(100 + n);
  const key = `scale-kill-${RUN}-${n}`;
  const body = await until(`upload ${n}`, () => dossier(LB, who, 'Lê Thị Hoa'));
  const filed = await until(`filing ${n}`, async () => {
    const response = await file(LB, body, key);
    return [200, 201].includes(response.status) && response.json();
  });
  acknowledged.dossiers.push({ who, key, code: filed.code });
  const bill = await until(`bill ${n}`, () => openBill(LB, filed.code, who));
  const transaction = `SCALE-${RUN}-kill-${n}`;
  await until(`paying ${n}`, async () => (await notify(LB, transaction, bill.amount, bill.bill_number)).status === 200);
  acknowledged.payments.push({ bill, transaction });
}

/** nginx's access log: one line per request, ending with the instance that served it. */
function logged() {
  return readFileSync(`${WORK}/nginx/access.log`, 'utf8').trim().split('\n');
}

test('one instance killed (SIGKILL) under load: nothing acknowledged is lost or doubled, and it rejoins', async () => {
  const acknowledged = { dossiers: [], payments: [] };
  const pidFile = `${WORK}/instance-b.pid`;
  const load = (async () => {
    const queue = Array.from({ length: 60 }, (_, n) => n);
    await Promise.all(Array.from({ length: 6 }, async () => {
      while (queue.length) await citizen(queue.shift(), acknowledged);
    }));
  })();
  await until('load under way', async () => acknowledged.payments.length >= 5);
  const viaB = () => logged().filter((line) => line.endsWith(`127.0.0.1:${new URL(B).port}`)).length;
  assert.ok(viaB() > 0, 'B was taking its share of the load when it was killed');
  process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  await load;
  assert.equal(acknowledged.dossiers.length, 60);
  assert.equal(acknowledged.payments.length, 60);

  const ours = `applicant_id_number IN (${acknowledged.dossiers.map((d) => `'${d.who}'`).join(',')})`;
  assert.equal(sql(`SELECT count(*) FROM dossiers WHERE ${ours}`), '60', 'one dossier per citizen: none lost, none doubled');
  const codes = sql(`SELECT code FROM dossiers WHERE ${ours}`).split('\n');
  for (const d of acknowledged.dossiers) assert.ok(codes.includes(d.code), `acknowledged ${d.code} is kept`);
  assert.equal(sql(`SELECT count(*) FROM payments p JOIN dossiers d ON d.code = p.dossier_code WHERE ${ours.replace('applicant', 'd.applicant')}
    AND p.status = 'paid' AND p.received = p.amount`), '60', 'every bill paid exactly its amount');
  assert.equal(sql(`SELECT count(*) FROM receipts WHERE bill_number IN (${acknowledged.payments.map((p) => `'${p.bill.bill_number}'`).join(',')})`), '60');
  assert.equal(sql(`SELECT count(*) FROM bank_transactions WHERE transaction_id LIKE 'SCALE-${RUN}-kill-%'`), '60');

  // Restarted, B serves again, directly and through nginx.
  spawn(`${WORK}/start-instance.sh`, ['b', new URL(B).port], { detached: true, stdio: 'ignore' }).unref();
  await until('B answers again', async () => (await fetch(`${B}/api/v1/stats`)).ok);
  const before = logged().length;
  await new Promise((r) => setTimeout(r, 3500)); // nginx's fail_timeout for the killed instance
  for (let i = 0; i < 20; i += 1) assert.equal((await fetch(`${LB}/api/v1/stats`)).status, 200);
  const served = logged().slice(before).filter((line) => line.endsWith(`127.0.0.1:${new URL(B).port}`));
  assert.ok(served.length > 0, 'nginx sends requests to the restarted instance');
});
