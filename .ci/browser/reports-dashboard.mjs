// The reports dashboard (/reports) as its readers and others meet it: a few complaints are taken in through the API
// (one classified and assigned, one resolved at intake and closed), then maria (managers) logs in to Tasklist and opens /reports with the webapps'
// session, sam (supervisors) opens it with HTTP Basic: the charts are drawn (ECharts canvases, with rows), the KPI
// table shows what GET /api/reports/kpis says (numerator, denominator, value, target, met/missed), the totals too,
// and each chart's CSV downloads with its rows; fiona (frontline) and hank (handlers) get the 403 page, and nobody
// logged in the 401 page with a Basic challenge. Any other response >= 400, page or console error fails the check.
// The page in English goes to docs/screenshots/reports-en.png (SCREENSHOTS_DIR), or reports-zh.png when the
// application speaks Chinese (redress.locale=zh-CN).
// Usage: BASE=http://localhost:8090 node reports-dashboard.mjs   (CHROMIUM defaults to /usr/bin/chromium)
import fs from 'node:fs';
import path from 'node:path';
import { base, root, fail, launch, session, check, shot, login } from './lib.mjs';

const readme = process.env.SCREENSHOTS_DIR ?? path.join(root, 'docs/screenshots');
const basic = user => 'Basic ' + Buffer.from(user + ':demo').toString('base64');
const run = Date.now().toString(36);

async function api(user, method, pathAndQuery, body) {
  const r = await fetch(base + pathAndQuery, {
    method, headers: { Authorization: basic(user), Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (r.status >= 300) fail(`${user} ${method} ${pathAndQuery} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

async function task(user, complaint, key) {
  for (let i = 0; i < 60; i++) {
    const tasks = await api(user, 'GET', `/engine-rest/task?processInstanceBusinessKey=${complaint}`
      + `&taskDefinitionKey=${key}&firstResult=0&maxResults=10`);
    if (tasks.length === 1) return tasks[0].id;
    await new Promise(r => setTimeout(r, 1000));
  }
  fail(`no ${key} task of ${complaint} for ${user}`);
}

async function work(user, complaint, key, values) {
  const id = await task(user, complaint, key);
  await api(user, 'POST', `/engine-rest/task/${id}/claim`, { userId: user });
  const variables = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));
  await api(user, 'POST', `/engine-rest/task/${id}/submit-form`, { variables });
}

// ------------------------------------------------------------------ seed
const seeded = [];
for (const [channel, tier] of [['phone', 'vip'], ['email', 'premium'], ['chat', 'standard'], ['web', 'standard']]) {
  const c = await api('fiona', 'POST', '/api/complaints', {
    customer: { name: `Report ${run} ${channel}`, phone: '1390000' + String(seeded.length).padStart(4, '0'), tier },
    channel, description: `Dashboard check ${run}: =HYPERLINK("x")`, desiredOutcome: 'refund', amountClaimed: 100,
  });
  seeded.push(c.id);
}
// resolved at intake and the customer very satisfied: a closed case, so that KPIs have values met or missed
const resolved = await api('fiona', 'POST', '/api/complaints', {
  customer: { name: `Report ${run} resolved`, email: `report.${run}@example.org`, tier: 'vip' }, channel: 'email',
  description: `Dashboard check ${run}: e-ticket missing`, desiredOutcome: 'explanation', resolvedAtIntake: true,
  resolution: 'Resent the e-ticket',
});
await work('fiona', resolved.id, 'collectFeedback', { customerReached: true, satisfaction: 'very_satisfied' });
seeded.push(resolved.id);
await work('fiona', seeded[0], 'classifyComplaint', { category: 'hotel', nature: 'valid', severity: 'important',
  major: false });
await work('sam', seeded[0], 'assignComplaint', { handler: 'hank' });

// the reports' days are the centre's (Asia/Shanghai by default), as the page says
const centre = await (await fetch(`${base}/reports/texts`)).json();
const today = new Date(centre.today + 'T00:00:00');
const iso = d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'
  + String(d.getDate()).padStart(2, '0');
const monthStart = iso(new Date(today.getFullYear(), today.getMonth(), 1));

// the case ends a moment after the feedback (the model continues asynchronously after user tasks)
for (let i = 0; ; i++) {
  const c = await api('maria', 'GET', `/api/complaints/${resolved.id}`);
  if (c.status === 'closed') break;
  if (i === 60) fail(`${resolved.id} did not close: ${c.status}`);
  await new Promise(r => setTimeout(r, 1000));
}

// ------------------------------------------------------------------ the dashboard as a reader sees it
async function dashboard(s, who) {
  const { page } = s;
  const response = await page.goto(`${base}/reports`);
  if (response.status() !== 200) fail(`${who}: /reports answered ${response.status()}`);
  await page.locator('body[data-state=loaded], body[data-state=error]').waitFor();
  if (await page.locator('body[data-state=error]').count()) {
    fail(`${who}: the dashboard shows: ${await page.locator('#error').innerText()}`);
  }
  const from = await page.locator('input[name=from]').inputValue();
  const to = await page.locator('input[name=to]').inputValue();
  if (from !== monthStart || to !== iso(today)) fail(`${who}: the period is ${from} to ${to}, not this month`);
  // every chart drawn on a canvas, each with rows behind it
  for (const id of ['trends', 'rootCauses', 'openByAge', 'openByStage', 'workload']) {
    const chart = page.locator('#chart-' + id);
    await chart.locator('canvas').first().waitFor();
    const rows = Number(await chart.getAttribute('data-rows'));
    if (id !== 'rootCauses' && !(rows > 0)) fail(`${who}: the chart ${id} has no data`);
  }
  // the KPI table says what the API says
  const kpis = await api('maria', 'GET', `/api/reports/kpis?from=${from}&to=${to}`);
  const shown = await page.locator('#kpis tbody tr').evaluateAll(rows => rows.map(r => ({
    kpi: r.dataset.kpi, tier: r.dataset.tier ?? null,
    cells: Object.fromEntries([...r.querySelectorAll('td[data-value]')].map(td => [td.className.split(' ')[1],
      td.dataset.value])),
    status: r.querySelector('td.status').className,
  })));
  const top = shown.filter(r => !r.tier);
  const names = Object.keys(kpis.kpis);
  for (const name of ['firstReplyWithinLimit', 'fullProcessTimeliness', 'firstContactResolution',
    'workOrderTimeliness', 'satisfactionRate', 'escalatedComplaintRate', 'complaintsPerMillionCustomers']) {
    if (!names.includes(name)) fail(`the API has no KPI ${name}`);
  }
  if (top.length !== names.length || !names.every(n => top.some(r => r.kpi === n))) {
    fail(`${who}: the table shows the KPIs ${top.map(r => r.kpi)}, the API has ${names}`);
  }
  // the API leaves out a figure it has not (null); the table shows none for it
  const same = (a, b) => (b === null || b === undefined) ? a === '' : a !== '' && Number(a) === Number(b);
  for (const row of shown) {
    const k = row.tier ? kpis.kpis[row.kpi].byTier[row.tier] : kpis.kpis[row.kpi];
    for (const f of ['numerator', 'denominator', 'value', 'target']) {
      if (!same(row.cells[f], k[f])) fail(`${who}: ${row.kpi} ${row.tier ?? ''} ${f} shows ${row.cells[f]}, API ${k[f]}`);
    }
    const expected = k.met === true ? 'met' : k.met === false ? 'missed' : 'none';
    if (!row.status.includes(expected)) fail(`${who}: ${row.kpi} ${row.tier ?? ''} is shown ${row.status}, API met=${k.met}`);
  }
  // met and missed are shown as such: the closed case gives the KPIs values
  if (!shown.some(r => /\b(met|missed)\b/.test(r.status))) fail(`${who}: no KPI is shown met or missed`);
  for (const total of ['received', 'closed', 'open']) {
    const figure = await page.locator(`[data-total=${total}] .figure`).innerText();
    if (Number(figure) !== kpis[total]) fail(`${who}: ${total} shows ${figure}, the API says ${kpis[total]}`);
  }
  if (kpis.received < seeded.length) fail(`${who}: the API counts ${kpis.received} received, ${seeded.length} were seeded`);
  return kpis;
}

async function csv(s, id) {
  const [download] = await Promise.all([s.page.waitForEvent('download'),
    s.page.locator(`button[data-csv=${id}]`).click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  if (!text.startsWith('\uFEFF')) fail(`${s.who}: the CSV of ${id} has no byte-order mark`);
  return { name: download.suggestedFilename(), lines: text.slice(1).trim().split('\r\n') };
}

const browser = await launch();
try {
  // maria: the webapps' login, then the dashboard with that session
  const maria = await session(browser);
  await login(maria, 'tasklist', 'maria');
  const kpis = await dashboard(maria, 'maria');
  const table = await csv(maria, 'kpis');
  const kpiRows = await maria.page.locator('#kpis tbody tr').count();
  if (table.lines.length !== kpiRows + 1) fail(`maria: the KPI CSV has ${table.lines.length} lines for ${kpiRows} rows`);
  if (!/^kpis-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/.test(table.name)) fail(`maria: the CSV is named ${table.name}`);
  const stages = await csv(maria, 'openByStage');
  const openInStages = stages.lines.slice(1).reduce((sum, l) => sum + Number(l.split(',').pop()), 0);
  if (openInStages < 1) fail(`maria: the open-by-stage CSV counts no open case: ${stages.lines}`);
  const workload = await csv(maria, 'workload');
  if (!workload.lines.some(l => l.startsWith('hank,'))) fail(`maria: hank is not in the workload CSV: ${workload.lines}`);
  // a filter narrows the figures: phone only
  await maria.page.locator('select[name=channel]').selectOption('phone');
  await maria.page.locator('#filters button[type=submit]').click();
  await maria.page.locator('body[data-state=loaded]').waitFor();
  const phone = await api('maria', 'GET', `/api/reports/kpis?from=${monthStart}&to=${iso(today)}&channel=phone`);
  const received = await maria.page.locator('[data-total=received] .figure').innerText();
  if (Number(received) !== phone.received || phone.received >= kpis.received) {
    fail(`maria: by phone the page shows ${received} received, the API ${phone.received} (all: ${kpis.received})`);
  }
  await maria.page.locator('select[name=channel]').selectOption('');
  await maria.page.locator('#filters button[type=submit]').click();
  await maria.page.locator('body[data-state=loaded]').waitFor();
  await maria.page.waitForTimeout(800); // the charts' entry animation
  await check(maria, 'maria on /reports');
  await shot(maria, 'reports-maria');
  const lang = await maria.page.locator('html').getAttribute('lang');
  fs.mkdirSync(readme, { recursive: true });
  await maria.page.screenshot({ path: path.join(readme, lang === 'zh-CN' ? 'reports-zh.png' : 'reports-en.png'),
    fullPage: true });
  await maria.context.close();

  // sam: HTTP Basic, no webapp session
  const sam = await session(browser, { httpCredentials: { username: 'sam', password: 'demo' } });
  sam.who = 'sam';
  await dashboard(sam, 'sam');
  const trends = await csv(sam, 'trends');
  if (trends.lines.length < 2) fail(`sam: the trends CSV has no rows: ${trends.lines}`);
  await check(sam, 'sam on /reports');
  await shot(sam, 'reports-sam');
  await sam.context.close();

  // fiona and hank: refused with a page, after logging in to Tasklist
  for (const user of ['fiona', 'hank']) {
    const s = await session(browser);
    await login(s, 'tasklist', user);
    s.tolerate.push(/\/reports$/, /\/api\/reports\//);
    const response = await s.page.goto(`${base}/reports`);
    if (response.status() !== 403) fail(`${user}: /reports answered ${response.status()}, not 403`);
    const heading = await s.page.locator('h1').innerText();
    if (!heading.trim()) fail(`${user}: the 403 page says nothing`);
    if (await s.page.locator('canvas').count()) fail(`${user}: the refused page draws charts`);
    const data = await s.page.evaluate(async () => (await fetch('api/reports/kpis?from=2026-01-01&to=2026-01-31')).status);
    if (data !== 403) fail(`${user}: /api/reports/kpis answered ${data}, not 403`);
    await shot(s, 'reports-refused-' + user);
    await s.context.close();
  }

  // nobody logged in: the 401 page with a Basic challenge and the way to Tasklist's login
  const anonymous = await fetch(`${base}/reports`);
  if (anonymous.status !== 401 || !/^Basic /.test(anonymous.headers.get('www-authenticate') ?? '')) {
    fail(`nobody: /reports answered ${anonymous.status} ${anonymous.headers.get('www-authenticate')}`);
  }
  if (!(await anonymous.text()).includes('camunda/app/tasklist/')) fail('nobody: the 401 page has no login link');
  console.log(`reports dashboard: charts and KPIs as the API says for maria (session) and sam (Basic), `
    + `${kpis.received} received this month; fiona and hank refused (403), nobody asked to log in (401)`);
} finally {
  await browser.close();
}
