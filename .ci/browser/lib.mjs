// Shared by the browser checks: Debian's chromium, the webapps' login, a watch on everything that fails while a
// person works, the forms' labels (read from forms/*.form, so a check selects fields as people do: by label).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const base = process.env.BASE ?? 'http://localhost:8080';
export const shots = process.env.SHOTS ?? path.join(root, 'target/browser-screenshots');
const TIMEOUT = Number(process.env.STEP_TIMEOUT ?? 60000);

export function fail(message) {
  throw new Error('browser check FAILED: ' + message);
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}

/** The label of a form field, by the form's id and the field's key, as forms/<id>.form defines it. */
export function label(formId, key) {
  const form = JSON.parse(fs.readFileSync(path.join(root, 'forms', formId + '.form'), 'utf8'));
  const found = [];
  (function walk(components) {
    for (const c of components ?? []) {
      if (c.key === key && c.label) found.push(c.label);
      walk(c.components);
    }
  })(form.components);
  if (found.length !== 1) fail(`form ${formId}: expected one field ${key}, found ${found.length}`);
  return found[0];
}

/** The label of one option of a select or radio field. */
export function optionLabel(formId, key, value) {
  const form = JSON.parse(fs.readFileSync(path.join(root, 'forms', formId + '.form'), 'utf8'));
  let option;
  (function walk(components) {
    for (const c of components ?? []) {
      if (c.key === key) option = (c.values ?? []).find(v => v.value === value);
      walk(c.components);
    }
  })(form.components);
  if (!option) fail(`form ${formId}: field ${key} has no option ${value}`);
  return option.label;
}

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A browser context for one person at a time, watching what fails while they work: any response >= 400, a page
 * error, a console error, an error notification on the page. `requests` collects every call to the webapps' API.
 */
export async function session(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'en-US', ...options });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const s = { context, page, problems: [], requests: [], who: 'nobody', step: 0, tolerate: [] };
  page.on('response', r => {
    const url = r.url();
    if (url.startsWith(base) && url.includes('/camunda/api/')) {
      const u = new URL(url);
      s.requests.push({ who: s.who, method: r.request().method(), path: u.pathname, query: u.search, status: r.status() });
    }
    if (r.status() >= 400 && !s.tolerate.some(t => t.test(url))) {
      s.problems.push(`${s.who}: ${r.request().method()} ${url} answered ${r.status()}`);
    }
  });
  page.on('requestfailed', r => {
    const error = r.failure()?.errorText ?? '';
    // a request the page itself abandons (navigation, a newer query) is not a failure of the application
    if (!/ERR_ABORTED/.test(error)) s.problems.push(`${s.who}: ${r.method()} ${r.url()} failed: ${error}`);
  });
  page.on('pageerror', e => s.problems.push(`${s.who}: page error ${e.message}`));
  page.on('console', m => {
    if (m.type() === 'error' && !s.tolerate.some(t => t.test(m.text()) || t.test(m.location()?.url ?? ''))) {
      s.problems.push(`${s.who}: console error ${m.text()}`);
    }
  });
  return s;
}

/** Fails when anything went wrong since the last check, or an error notification is on the page. */
export async function check(s, where) {
  const shown = await s.page.locator('.alert-danger:visible, .alert-error:visible').allInnerTexts().catch(() => []);
  const visible = shown.map(t => t.trim()).filter(Boolean);
  if (visible.length) s.problems.push(`${s.who}: error shown at ${where}: ${visible.join(' | ')}`);
  if (s.problems.length) fail(`${where}:\n  ${s.problems.join('\n  ')}`);
}

export async function shot(s, name) {
  fs.mkdirSync(shots, { recursive: true });
  s.step++;
  const file = path.join(shots, `${String(s.step).padStart(2, '0')}-${name}.png`);
  await s.page.screenshot({ path: file });
  return file;
}

/** Logs in to a webapp through its login form. */
export async function login(s, app, user, password = 'demo') {
  s.who = user;
  await s.page.goto(`${base}/camunda/app/${app}/default/`);
  await s.page.waitForLoadState('networkidle');
  const name = s.page.locator('.form-signin input[type=text], input[type=text]').first();
  const secret = s.page.locator('input[type=password]');
  for (let i = 0; i < 5; i++) {
    await name.fill(user);
    await secret.fill(password);
    if (await name.inputValue() === user && await secret.inputValue() === password) break;
    await s.page.waitForTimeout(500);
  }
  await s.page.locator('button[type=submit]').click();
  await s.page.locator('.account.dropdown').waitFor();
}

export async function logout(s) {
  await s.page.locator('.account.dropdown > a').click();
  await s.page.locator('li.logout a').click();
  await s.page.locator('input[type=password]').waitFor();
  s.who = 'nobody';
}

/** A field of the Camunda form on the page, found by its label (a required field's label ends with *). */
export function field(page, text) {
  return page.locator('.fjs-form-field').filter({
    has: page.locator('.fjs-form-field-label').filter({ hasText: new RegExp('^\\s*' + escape(text) + '\\s*\\*?\\s*$') }),
  }).first();
}

export async function fill(page, text, value) {
  // form-js may re-render a field while the form's variables arrive: fill until the field holds the value
  const input = field(page, text).locator('input, textarea').first();
  for (let i = 0; i < 10; i++) {
    await input.fill(String(value));
    await page.waitForTimeout(200);
    if (await input.inputValue() === String(value)) return;
  }
  throw new Error(`the field "${text}" does not keep the value typed into it`);
}

export async function tick(page, text, on = true) {
  const box = field(page, text).locator('input[type=checkbox]');
  if (on) await box.check(); else await box.uncheck();
}

export async function choose(page, text, optionText) {
  const f = field(page, text);
  const native = f.locator('select');
  if (await native.count()) {
    await native.selectOption({ label: optionText });
    return;
  }
  await f.locator('.fjs-input-group, .fjs-select-display, input').first().click();
  await page.locator('.fjs-dropdownlist-item').filter({ hasText: new RegExp('^\\s*' + escape(optionText) + '\\s*$') })
    .first().dispatchEvent('mousedown');
}

export async function radio(page, text, optionText) {
  await field(page, text).getByLabel(optionText, { exact: true }).check();
}

export { escape };
