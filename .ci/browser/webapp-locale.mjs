// The webapps' own words that come from outside their locale files follow the browser's language too (issue 14):
// in Tasklist the date picker's month and day names (AngularJS's $locale, from angular-i18n) and the keyboard
// shortcuts' descriptions (config.js); in Cockpit and Admin the same $locale. A Chinese browser (zh-CN) gets Chinese,
// an English one (en-US) English. Any failed request, page error or error shown fails the check.
// Usage: BASE=http://localhost:8090 node webapp-locale.mjs   (CHROMIUM defaults to /usr/bin/chromium)
import { base, fail, launch, session, check, shot, login, logout } from './lib.mjs';

const fiona = 'Basic ' + Buffer.from('fiona:demo').toString('base64');
const created = await fetch(base + '/api/complaints', {
  method: 'POST', headers: { Authorization: fiona, 'Content-Type': 'application/json' },
  body: JSON.stringify({ customer: { name: 'Locale Check', phone: '13800000042' }, channel: 'web',
    description: 'Date picker and shortcuts in the browser language' }),
});
if (created.status !== 201) fail('intake answered ' + created.status);
const id = (await created.json()).id;
const tasks = await (await fetch(base + '/engine-rest/task?processInstanceBusinessKey=' + id,
  { headers: { Authorization: fiona, Accept: 'application/json' } })).json();
if (tasks.length !== 1) fail('expected one task for ' + id);

const expected = {
  'zh-CN': {
    locale: 'zh-cn', weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], month: '一月',
    title: /^\d{4}年\d{1,2}月$/, shortcut: '认领当前选中的任务', notExpected: /\b(Mon|Tue|January)\b/,
  },
  'en-US': {
    locale: 'en-us', weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], month: 'January',
    title: /^[A-Z][a-z]+ \d{4}$/, shortcut: 'claims the currently selected task', notExpected: /周|月/,
  },
};

/** The $locale the webapp's injector holds: its id and a weekday and a month name. */
const localeOf = page => page.evaluate(() => {
  const l = window.angular.element(document.body).injector().get('$locale');
  return { id: l.id, monday: l.DATETIME_FORMATS.SHORTDAY[1], january: l.DATETIME_FORMATS.MONTH[0] };
});

const browser = await launch();
try {
  for (const [language, want] of Object.entries(expected)) {
    const s = await session(browser, { locale: language });
    try {
      await login(s, 'tasklist', 'fiona');
      await s.page.goto(`${base}/camunda/app/tasklist/default/#/?task=${tasks[0].id}`);
      const followUp = s.page.locator('.followup-date').first();
      await followUp.waitFor();
      const locale = await localeOf(s.page);
      if (locale.id !== want.locale) fail(`Tasklist in ${language}: $locale is ${locale.id}, not ${want.locale}`);

      // the follow-up date's picker: day names, the title, then the months (the title switches to them)
      await followUp.click();
      const picker = s.page.locator('.uib-daypicker');
      await picker.waitFor();
      const days = (await picker.locator('thead tr').last().locator('th').allInnerTexts()).map(t => t.trim())
        .filter(Boolean);
      if (JSON.stringify(days) !== JSON.stringify(want.weekdays)) {
        fail(`Tasklist in ${language}: the date picker's days are ${days.join(' ')}`);
      }
      const title = (await picker.locator('.uib-title').innerText()).trim();
      if (!want.title.test(title)) fail(`Tasklist in ${language}: the date picker's title is "${title}"`);
      await shot(s, `date-picker-${language}`);
      await picker.locator('.uib-title').click();
      const months = s.page.locator('.uib-monthpicker');
      await months.waitFor();
      const monthNames = (await months.locator('tbody button').allInnerTexts()).map(t => t.trim());
      if (!monthNames.includes(want.month)) {
        fail(`Tasklist in ${language}: the date picker's months are ${monthNames.join(' ')}`);
      }
      const pickerText = await s.page.locator('.uib-monthpicker, .uib-daypicker').first().innerText();
      if (want.notExpected.test(pickerText)) fail(`Tasklist in ${language}: the date picker shows "${pickerText}"`);
      await s.page.keyboard.press('Escape');

      // the keyboard shortcuts' help (the keyboard link in the header)
      await s.page.locator('a.showShortcutHelp').click();
      const help = s.page.locator('.shortcut-modal');
      await help.waitFor();
      const descriptions = (await help.locator('tbody tr td:nth-child(2)').allInnerTexts()).map(t => t.trim());
      if (descriptions.length !== 5 || !descriptions.includes(want.shortcut)) {
        fail(`Tasklist in ${language}: the shortcuts say ${JSON.stringify(descriptions)}`);
      }
      if (language === 'zh-CN' && descriptions.some(d => /[A-Za-z]{3}/.test(d))) {
        fail(`Tasklist in zh-CN: a shortcut is described in English: ${JSON.stringify(descriptions)}`);
      }
      await shot(s, `shortcuts-${language}`);
      await help.locator('.modal-footer button').click();
      await help.waitFor({ state: 'detached' });
      await check(s, `Tasklist in ${language}`);
      await logout(s);

      // Cockpit and Admin: the same $locale for their date pickers (searches by date, batch operations)
      for (const [app, user] of [['cockpit', 'ana'], ['admin', 'admin']]) {
        await login(s, app, user);
        const theirs = await localeOf(s.page);
        if (theirs.id !== want.locale || theirs.monday !== want.weekdays[1] || theirs.january !== want.month) {
          fail(`${app} in ${language}: $locale ${JSON.stringify(theirs)}`);
        }
        // Cockpit's dashboard keeps asking for counts after it shows: let them answer before the logout, or one that
        // arrives after it is refused (401) as the next user's failure
        await s.page.waitForLoadState('networkidle');
        await check(s, `${app} in ${language}`);
        await logout(s);
      }
    } finally {
      await s.context.close();
    }
  }
  console.log('browser: date pickers and shortcuts in Chinese for a zh-CN browser, in English for en-US '
    + '(Tasklist; $locale in Cockpit and Admin)');
} finally {
  await browser.close();
}
