// Customer text that looks like markup or an expression is shown as text in Tasklist's forms, never run.
// Usage: BASE=http://localhost:8090 node tasklist-markup.mjs   (CHROMIUM defaults to /usr/bin/chromium)
import { chromium } from 'playwright-core';

const base = process.env.BASE ?? 'http://localhost:8080';
const auth = 'Basic ' + Buffer.from('fiona:demo').toString('base64');
const name = '<b>Bold</b> Name';
const description = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> ${7*7} #{7*7}';

function fail(message) {
  console.error('browser check FAILED: ' + message);
  process.exit(1);
}

const created = await fetch(base + '/api/complaints', {
  method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' },
  body: JSON.stringify({ customer: { name }, channel: 'web', description }),
});
if (created.status !== 201) fail('intake answered ' + created.status);
const id = (await created.json()).id;
const tasks = await (await fetch(base + '/engine-rest/task?processInstanceBusinessKey=' + id,
  { headers: { Authorization: auth, Accept: 'application/json' } })).json();
if (tasks.length !== 1) fail('expected one task for ' + id);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
  let dialogs = 0;
  page.on('dialog', d => { dialogs++; d.dismiss(); });
  await page.goto(base + '/camunda/app/tasklist/default/');
  await page.fill('input[type=text]', 'fiona');
  await page.fill('input[type=password]', 'demo');
  await page.click('button[type=submit]');
  await page.waitForSelector('.tasks-list, [cam-tasks], .task-filters', { timeout: 30000 }).catch(() => {});
  await page.goto(base + '/camunda/app/tasklist/default/#/?task=' + tasks[0].id);
  await page.waitForSelector('textarea', { timeout: 30000 });
  await page.waitForTimeout(1500);
  const shown = await page.$$eval('textarea', ts => ts.map(t => t.value));
  const names = await page.$$eval('input', is => is.map(i => i.value));
  const injected = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    bold: [...document.querySelectorAll('b')].filter(b => b.textContent === 'Bold').length,
    images: document.querySelectorAll('img[src="x"]').length,
  }));
  if (!shown.includes(description)) fail('the description is not shown as it was typed: ' + JSON.stringify(shown));
  if (!names.includes(name)) fail('the customer name is not shown as it was typed');
  if (injected.pwned !== null || dialogs > 0) fail('a script ran: ' + JSON.stringify(injected));
  if (injected.bold > 0 || injected.images > 0) fail('markup was rendered: ' + JSON.stringify(injected));
  console.log(`browser check: ${id} shown as text in Tasklist (description, name); no script ran, no markup rendered`);
} finally {
  await browser.close();
}
