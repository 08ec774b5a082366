// Records which engine and webapp API requests Tasklist, Cockpit and Admin really send while the demo users do
// their work, so that the engine guard's allow-list is derived from observation (docs/webapp-requests.md).
// Usage: BASE=http://localhost:8080 CASES='{"classify":"CMP-..",...}' node record-requests.mjs > requests.json
import { chromium } from 'playwright-core';

const base = process.env.BASE ?? 'http://localhost:8080';
const cases = JSON.parse(process.env.CASES ?? '{}');
const parts = (process.env.PARTS ?? 'tasklist,cockpit,admin,welcome').split(',');
// USERS=ana,admin: only these users' sessions (a re-recording of part of the table)
const users = process.env.USERS ? process.env.USERS.split(',') : null;
const seen = new Map();
const bodies = [];

function normalize(path) {
  return path
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '/{id}')
    .replace(/\/[\w-]+:\d+:[0-9a-f-]{36}/g, '/{id}')
    .replace(/\/CMP-\d{4}-\d+/g, '/{number}');
}

async function session(user, app, work) {
  if (users && !users.includes(user)) return;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', r => {
    const u = new URL(r.url());
    if (!/^\/(camunda\/api|engine-rest|api)\//.test(u.pathname)) return;
    if (/\/static\//.test(u.pathname)) return;
    const key = `${r.method()} ${normalize(u.pathname)}`;
    const entry = seen.get(key) ?? { method: r.method(), path: normalize(u.pathname), users: new Set(), apps: new Set(),
      params: new Set() };
    entry.users.add(user);
    entry.apps.add(app);
    for (const p of u.searchParams.keys()) entry.params.add(p);
    seen.set(key, entry);
    if (/\/(submit-form|complete|start)$/.test(u.pathname) && r.method() === 'POST') {
      bodies.push({ user, path: normalize(u.pathname), body: r.postData() });
    }
  });
  page.on('response', async r => {
    const u = new URL(r.url());
    if (/^\/(camunda\/api|engine-rest)\//.test(u.pathname) && r.status() >= 400) {
      const key = `${r.request().method()} ${normalize(u.pathname)}`;
      const entry = seen.get(key);
      if (entry) (entry.statuses ??= new Set()).add(r.status());
    }
  });
  try {
    await page.goto(`${base}/camunda/app/${app}/default/`);
    await page.fill('input[type=text]', user);
    await page.fill('input[type=password]', 'demo');
    await page.click('button[type=submit]');
    await page.waitForTimeout(4000);
    await work(page);
  } catch (e) {
    console.error(`${user} ${app}: ${e.message.split('\n')[0]}`);
  } finally {
    await browser.close();
  }
}

async function step(page, what, fn) {
  try {
    await fn();
    await page.waitForTimeout(1500);
  } catch (e) {
    console.error(`  step ${what}: ${e.message.split('\n')[0]}`);
  }
}

async function taskOf(user, number) {
  const r = await fetch(`${base}/engine-rest/task?processInstanceBusinessKey=${number}&maxResults=5`,
    { headers: { Authorization: 'Basic ' + Buffer.from(user + ':demo').toString('base64'), Accept: 'application/json' } });
  const tasks = r.ok ? await r.json() : [];
  return tasks.length ? tasks[0].id : null;
}

function field(page, label) {
  return page.locator('.fjs-form-field', { has: page.locator('label', { hasText: new RegExp('^\\s*' + label) }) }).first();
}

async function pick(page, label, option) {
  await field(page, label).locator('.fjs-select-display, .fjs-input-group').first().click();
  await page.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

async function tasklistWork(page, user, number, fill) {
  for (const filter of ['My tasks', "My group's tasks", 'Overdue', 'Escalations']) {
    await step(page, 'filter ' + filter, () => page.locator('.task-filters a, [cam-tasklist-filters] a',
      { hasText: filter }).first().click({ timeout: 3000 }));
  }
  if (!number) return;
  const id = await taskOf(user, number);
  if (!id) { console.error(`  ${user}: no task for ${number}`); return; }
  for (const filter of ["My group's tasks", 'My tasks']) {
    await step(page, 'filter ' + filter, () => page.locator('.task-filters a, [cam-tasklist-filters] a',
      { hasText: filter }).first().click({ timeout: 3000 }));
    if (await page.locator('li', { hasText: number }).count()) break;
  }
  await step(page, 'open task', () => page.locator('li', { hasText: number }).last().click({ timeout: 3000 }));
  await page.waitForTimeout(2500);
  for (const tab of ['History', 'Diagram', 'Description', 'Form']) {
    await step(page, 'tab ' + tab, () => page.locator('.nav-tabs a, ul.nav a', { hasText: tab }).first().click({ timeout: 3000 }));
  }
  await step(page, 'claim', () => page.locator('button', { hasText: /^\s*Claim\s*$/ }).first().click({ timeout: 3000 }));
  await step(page, 'unclaim', () => page.locator('button.unclaim').first().click({ timeout: 3000 }));
  await step(page, 'claim again', () => page.locator('button', { hasText: /^\s*Claim\s*$/ }).first().click({ timeout: 3000 }));
  await page.waitForTimeout(2000);
  if (fill) await step(page, 'fill', () => fill(page));
  await step(page, 'complete', () => page.locator('button', { hasText: /^\s*Complete\s*$/ }).first().click({ timeout: 5000 }));
  await page.waitForTimeout(2500);
}

const byLabel = (page, label) => field(page, label).locator('input, textarea').first();

if (parts.includes('tasklist')) {
await session('fiona', 'tasklist', async page => {
  await tasklistWork(page, 'fiona', cases.classify, async p => {
    await pick(p, 'Category', 'Billing').catch(() => {});
  });
  // start a complaint with the intake form
  await step(page, 'start process', () => page.locator('a', { hasText: 'Start process' }).first().click());
  await step(page, 'search', () => page.locator('.modal input[type=text]').first().fill('Complaint'));
  await step(page, 'choose', () => page.locator('.modal a', { hasText: 'Complaint handling' }).first().click());
  await page.waitForTimeout(2500);
  await step(page, 'fill intake', async () => {
    await byLabel(page, 'Customer name').fill('Browser Recorder');
    await byLabel(page, 'Phone').fill('13800000002');
    await byLabel(page, 'Description').fill('Recorded from Tasklist');
  });
  await step(page, 'start', () => page.locator('.modal button', { hasText: /^\s*Start\s*$/ }).first().click());
  await page.waitForTimeout(2500);
});
await session('tom', 'tasklist', async page => tasklistWork(page, 'tom', cases.feedback, async p => {
  await byLabel(p, 'Customer reached').check();
  await pick(p, 'Satisfaction', 'Satisfied');
}));
await session('sam', 'tasklist', async page => tasklistWork(page, 'sam', cases.assign, async p => pick(p, 'Handler', 'hank')));
await session('hank', 'tasklist', async page => tasklistWork(page, 'hank', cases.investigate, async p => {
  await byLabel(p, 'Findings').fill('Charged twice');
  await byLabel(p, 'Root cause').fill('Retry');
  await pick(p, 'Proposed resolution', 'Refund');
  await byLabel(p, 'Compensation amount').fill('120');
}));
await session('maria', 'tasklist', async page => tasklistWork(page, 'maria', null));
await session('sam', 'tasklist', async page => tasklistWork(page, 'sam', cases.approve, async p => {
  await byLabel(p, 'Approve this resolution').check();
  await byLabel(p, 'Comment').fill('fine');
}));
await session('hank', 'tasklist', async page => tasklistWork(page, 'hank', cases.execute, async p => {
  await byLabel(p, 'Execution note').fill('Refunded');
}));
await session('diego', 'tasklist', async page => tasklistWork(page, 'diego', null));
// analysts and administrators may open Tasklist too (no filter is shared with analysts; admin sees all)
await session('ana', 'tasklist', async page => tasklistWork(page, 'ana', null));
await session('admin', 'tasklist', async page => tasklistWork(page, 'admin', null));
}

async function visit(page, url) {
  await step(page, url, () => page.goto(base + url));
  await page.waitForTimeout(3000);
}

async function cockpitWork(page, user) {
  const auth = { headers: { Authorization: 'Basic ' + Buffer.from('ana:demo').toString('base64'), Accept: 'application/json' } };
  const defs = await (await fetch(`${base}/engine-rest/process-definition?key=complaint-handling&latestVersion=true`, auth)).json();
  const inst = await (await fetch(`${base}/engine-rest/process-instance?processDefinitionKey=complaint-handling&maxResults=1`, auth)).json();
  const decisions = await (await fetch(`${base}/engine-rest/decision-definition?maxResults=1`, auth)).json();
  await visit(page, '/camunda/app/cockpit/default/#/dashboard');
  await visit(page, '/camunda/app/cockpit/default/#/processes');
  if (defs[0]) {
    await visit(page, `/camunda/app/cockpit/default/#/process-definition/${defs[0].id}/runtime`);
    for (const tab of ['Process Instances', 'Incidents', 'Called Process Definitions', 'Job Definitions']) {
      await step(page, 'tab ' + tab, () => page.locator('.nav-tabs a, ul.nav a', { hasText: tab }).first().click({ timeout: 3000 }));
    }
  }
  if (inst[0]) {
    await visit(page, `/camunda/app/cockpit/default/#/process-instance/${inst[0].id}/runtime`);
    for (const tab of ['Variables', 'Incidents', 'Called Process Instances', 'User Tasks', 'Jobs', 'External Tasks']) {
      await step(page, 'tab ' + tab, () => page.locator('.nav-tabs a, ul.nav a', { hasText: tab }).first().click({ timeout: 3000 }));
    }
  }
  await visit(page, '/camunda/app/cockpit/default/#/decisions');
  if (decisions[0]) await visit(page, `/camunda/app/cockpit/default/#/decision-definition/${decisions[0].id}`);
  await visit(page, '/camunda/app/cockpit/default/#/tasks');
  await visit(page, '/camunda/app/cockpit/default/#/repository');
  await step(page, 'a deployment', () => page.locator('.deployments a, [cam-deployments] a').first().click({ timeout: 3000 }));
  await visit(page, '/camunda/app/cockpit/default/#/batch');
}
if (parts.includes('cockpit')) {
  await session('ana', 'cockpit', async page => cockpitWork(page, 'ana'));
  await session('admin', 'cockpit', async page => cockpitWork(page, 'admin'));
}
if (parts.includes('admin')) await session('admin', 'admin', async page => {
  for (const url of ['#/users', '#/users/fiona?tab=profile', '#/users/fiona?tab=groups', '#/users/fiona?tab=account',
    '#/groups', '#/groups/frontline?tab=group', '#/groups/frontline?tab=users', '#/tenants',
    '#/authorization?resource=0', '#/authorization?resource=6', '#/authorization?resource=7',
    '#/system?section=system-settings-general', '#/system?section=system-settings-license',
    '#/system?section=system-settings-diagnostics', '#/user-create', '#/group-create']) {
    await visit(page, '/camunda/app/admin/default/' + url);
  }
});
// the welcome page, as every user sees it after login
for (const user of parts.includes('welcome') ? ['fiona', 'ana', 'admin'] : []) {
  await session(user, 'welcome', async page => { await page.waitForTimeout(2000); });
}

const out = [...seen.values()].map(e => ({ method: e.method, path: e.path, users: [...e.users].sort(),
  apps: [...e.apps].sort(), params: [...e.params].sort(), statuses: e.statuses ? [...e.statuses] : [] }))
  .sort((a, b) => (a.path + a.method).localeCompare(b.path + b.method));
console.log(JSON.stringify({ requests: out, bodies }, null, 1));
