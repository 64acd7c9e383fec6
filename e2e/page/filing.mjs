// Filing as a citizen does, shared by the whole-page tests (and the benchmark): the steps of a
// birth registration through the app, and a residence registration (a fee of 10.000 ₫ online)
// straight through the API.

/** The address pickers of step 1: the first place of each level (the commune named
 * `commune` if given), no district where the province has none (two tiers), then the street. */
export async function fillAddress(page, { street, commune, timeout = 20000 }) {
  await page.waitForFunction(() => document.getElementById('applicant-address-province')?.options.length > 1, null, { timeout });
  await page.selectOption('#applicant-address-province', { index: 1 });
  const levels = (await page.$('#applicant-address-district')) ? ['district', 'commune'] : ['commune'];
  for (const level of levels) {
    await page.waitForFunction((i) => document.getElementById(i)?.options.length > 1, `applicant-address-${level}`, { timeout });
    await page.selectOption(`#applicant-address-${level}`, level === 'commune' && commune ? { label: commune } : { index: 1 });
  }
  await page.fill('#applicant-address-street', street);
}

/** Step 1, Người nộp: a citizen applicant, then [`fillAddress`], and on. */
export async function fillApplicant(page, { name, cccd, born, sex = 'female', phone, street, commune }) {
  await page.waitForFunction(() => document.getElementById('applicant-address-province')?.options.length > 1, null, { timeout: 20000 });
  await page.fill('#applicant-full_name', name);
  await page.fill('#applicant-id_number', cccd);
  await page.fill('#applicant-birth_date', born);
  await page.check(`#applicant-sex-${sex}`);
  await page.fill('#applicant-phone', phone);
  await fillAddress(page, { street, commune });
  await page.click('form.apply-form button[type=submit]');
}

/** An address in the province `base` serves, as its pickers offer it: its first unit (and
 * that district's first commune where there are districts). */
export async function homeAddress(base, street) {
  const [province] = await (await fetch(`${base}/api/v1/areas`)).json();
  const [unit] = province.children;
  const [commune] = unit.children;
  return commune
    ? { province: province.name, district: unit.name, commune: commune.name, street }
    : { province: province.name, district: '', commune: unit.name, street };
}

/** Step 2 of a birth registration, the child and the mother; does not go on. */
export async function fillChild(page, { child, born, mother, motherCccd, sex = '#fields-gioi_tinh_tre' }) {
  await page.waitForSelector('#fields-ho_ten_tre');
  await page.fill('#fields-ho_ten_tre', child);
  await page.fill('#fields-ngay_sinh_tre', born);
  await page.check(sex);
  for (const [id, v] of [['noi_sinh', 'Trạm y tế'], ['dan_toc', 'Kinh'], ['quoc_tich', 'Việt Nam'], ['ho_ten_me', mother], ['dinh_danh_me', motherCccd]]) {
    await page.fill(`#fields-${id}`, v);
  }
  await page.check('#fields-quan_he');
}

/** Steps 3 and 4: every document handed in on paper, the declaration ticked, and submit. */
export async function paperDocumentsAndSubmit(page) {
  await page.waitForSelector('#documents-giay_to_1');
  for (const slot of ['giay_to_1', 'giay_to_2', 'giay_to_4']) await page.check(`#documents-${slot}-paper`);
  await page.click('form.apply-form button[type=submit]');
  await page.waitForSelector('#declaration');
  await page.check('#declaration');
  await page.click('form.apply-form button[type=submit]');
}

/** A residence registration filed through the API for this applicant; its dossier code. */
export async function fileResidenceRegistration(base, { name, cccd, born, sex, phone, key }) {
  const upload = await (await fetch(`${base}/api/v1/uploads`, { method: 'POST', headers: { 'x-file-name': 'so-ho-khau.pdf' }, body: '%PDF-1.4\n%%EOF\n' })).json();
  const body = {
    procedure_code: '1.004222',
    answers: {
      applicant: { kind: 'citizen', full_name: name, id_number: cccd, birth_date: born, sex, phone, email: '',
        address: await homeAddress(base, 'Số 3') },
      fields: { dia_chi_moi: 'Số 3', ho_ten_chu_ho: name, dinh_danh_chu_ho: cccd, quan_he_chu_ho: 'chu_ho', truong_hop: 'nha_so_huu' },
      documents: { giay_to_1: [upload.id] },
    },
  };
  const response = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`filing: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()).code;
}
