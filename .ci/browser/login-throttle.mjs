// Tasklist's login page under the login throttle: after 5 wrong passwords for one user from one address, the
// 6th failure starts a block, and the next attempt answers 429; the page shows the server's message (when to try
// again) under "Login Failed".
// Usage: BASE=http://localhost:8090 node login-throttle.mjs   (CHROMIUM defaults to /usr/bin/chromium)
import { chromium } from 'playwright-core';

const base = process.env.BASE ?? 'http://localhost:8080';
const user = process.env.THROTTLE_USER ?? 'helen';

function fail(message) {
  console.error('browser check FAILED: ' + message);
  process.exit(1);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(base + '/camunda/app/tasklist/default/');
  const statuses = [];
  page.on('response', r => { if (r.url().includes('/login/tasklist')) statuses.push(r.status()); });
  let text = '';
  for (let i = 1; i <= 7; i++) {
    await page.waitForSelector('input[type=password]', { timeout: 90000 })
      .catch(async e => { await page.screenshot({ path: 'login-throttle.png' }); fail('attempt ' + i + ': ' + e.message); });
    await page.fill('input[type=text]', user);
    await page.fill('input[type=password]', 'wrong-' + i);
    await Promise.all([
      page.waitForResponse(r => r.url().includes('/login/tasklist'), { timeout: 30000 }),
      page.click('button[type=submit]'),
    ]);
    await page.waitForTimeout(800);
    text = await page.evaluate(() => document.body.innerText);
  }
  if (statuses.length !== 7) fail('expected 7 login requests, saw ' + JSON.stringify(statuses));
  if (statuses[6] !== 429) fail('the 7th attempt answered ' + statuses[6] + ', not 429: ' + JSON.stringify(statuses));
  if (!/Too many failed logins\. Try again in \d+ seconds?\./.test(text)) {
    fail('the login page does not say when to try again: ' + text.slice(0, 500));
  }
  console.log('browser check: after repeated failures Tasklist\'s login page says "'
    + text.match(/Too many failed logins[^\n]*/)[0] + '" (429)');
} finally {
  await browser.close();
}
