// The customers' status page (/track) on a phone's width, in English and Chinese: a customer complains through the
// public form and sees the number, writes on the complaint, looks it up again in Chinese and switches to English,
// and a member of staff then finds the message on the case through the complaint API. Screenshots of every step in
// target/browser-screenshots/, the README's pictures (track-en.png, track-zh.png) in docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { base, check, fail, launch, root, session, shot } from './lib.mjs';

const readme = process.env.SCREENSHOTS_DIR ?? path.join(root, 'docs/screenshots');
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const stamp = String(Date.now()).slice(-8);
const customerPhone = '139' + stamp;
const message = `The driver never came; I paid a taxi myself (${stamp}).`;

async function fitsThePhone(s, where) {
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) fail(`${where}: the page is ${overflow}px wider than the phone`);
}

const browser = await launch();
try {
  // ---- English: the public form, the number, a message
  const en = await session(browser, { ...phone, locale: 'en-US' });
  en.who = 'customer (en)';
  await en.page.goto(`${base}/track`);
  await en.page.getByRole('heading', { name: 'Follow your complaint' }).waitFor();
  await fitsThePhone(en, 'the empty page');
  await en.page.getByLabel('Your name', { exact: true }).fill('Chen Jie');
  await en.page.getByLabel('Phone number', { exact: true }).fill(customerPhone);
  await en.page.getByLabel('What went wrong?', { exact: true }).fill('The airport transfer we booked for 22:40 never arrived.');
  await en.page.getByLabel('What would you like us to do?', { exact: true }).selectOption('refund');
  await en.page.getByRole('button', { name: 'Send my complaint' }).click();
  await en.page.locator('#received').waitFor({ state: 'visible' });
  const number = (await en.page.locator('#received-number').innerText()).trim();
  if (!/^CMP-\d{4}-\d{6}$/.test(number)) fail(`the form showed no complaint number: "${number}"`);
  await en.page.locator('#case-number', { hasText: number }).waitFor();
  await en.page.locator('#stage-text', { hasText: 'We have received your complaint' }).waitFor();
  await en.page.locator('#stages li.current', { hasText: 'Received' }).waitFor();
  await shot(en, 'track-submitted-en');
  await en.page.getByLabel('Write to us', { exact: true }).fill(message);
  await en.page.getByRole('button', { name: 'Send', exact: true }).click();
  await en.page.locator('#message-sent').waitFor({ state: 'visible' });
  await en.page.locator('#messages li.from-customer', { hasText: message }).waitFor();
  await fitsThePhone(en, 'the case in English');
  await check(en, 'the customer wrote (en)');
  await shot(en, 'track-message-en');
  fs.mkdirSync(readme, { recursive: true });
  await en.page.screenshot({ path: path.join(readme, 'track-en.png'), fullPage: true });
  await en.context.close();

  // ---- Chinese: the same complaint looked up by number and phone; then switched to English
  const zh = await session(browser, { ...phone, locale: 'zh-CN' });
  zh.who = 'customer (zh)';
  await zh.page.goto(`${base}/track`);
  await zh.page.getByRole('heading', { name: '查询投诉进度' }).waitFor();
  // a wrong phone number first: the same answer as a wrong complaint number (its 404 expected, once)
  zh.tolerate = [/\/api\/track\/lookup/];
  await zh.page.getByLabel('投诉编号', { exact: true }).fill(number);
  await zh.page.getByLabel('您投诉时留下的手机号码或电子邮箱', { exact: true }).fill('13000000000');
  await zh.page.getByRole('button', { name: '查询' }).click();
  await zh.page.locator('#error', { hasText: '没有找到' }).waitFor();
  zh.tolerate = [];
  await zh.page.getByLabel('您投诉时留下的手机号码或电子邮箱', { exact: true }).fill(customerPhone);
  await zh.page.getByRole('button', { name: '查询' }).click();
  await zh.page.locator('#stages li.current', { hasText: '已受理' }).waitFor();
  await zh.page.locator('#messages li.from-customer', { hasText: message }).waitFor();
  await zh.page.locator('#messages li.to-customer').first().waitFor();
  await fitsThePhone(zh, 'the case in Chinese');
  await check(zh, 'the customer looked up (zh)');
  await shot(zh, 'track-lookup-zh');
  await zh.page.screenshot({ path: path.join(readme, 'track-zh.png'), fullPage: true });
  await zh.page.getByRole('button', { name: 'English' }).click();
  await zh.page.locator('#stages li.current', { hasText: 'Received' }).waitFor();
  await zh.page.getByRole('button', { name: '中文' }).waitFor();
  await check(zh, 'switched to English');
  await zh.context.close();

  // ---- staff see the message on the case (complaint API)
  const auth = 'Basic ' + Buffer.from('fiona:demo').toString('base64');
  const r = await fetch(`${base}/api/complaints/${number}`, { headers: { Authorization: auth, Accept: 'application/json' } });
  if (r.status !== 200) fail(`staff could not read ${number}: ${r.status}`);
  const c = await r.json();
  if (c.channel !== 'web') fail(`${number} came in by ${c.channel}, not web`);
  if (!(c.messages ?? []).some(m => m.text === message)) fail(`staff do not see the customer's message on ${number}`);
  if (!(c.timeline ?? []).some(e => e.type === 'customer-message')) fail(`no customer message on ${number}'s timeline`);
  console.log(`status page: ${number} taken in by the public form, written on, looked up in zh and en on a phone; `
    + 'staff see the message');
} finally {
  await browser.close();
}
