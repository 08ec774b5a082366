// Redress: the Admin webapp's configuration. This file shadows the one in Camunda's webjar (the application's
// own classes come first on the classpath). The header and the page title read "vendor name": "Redress Admin".
// The webapp's own choice of locale (camunda-commons-ui): the first part of the browser's first language, 'zh' or
// else English. The same choice picks AngularJS's locale data ($locale: the date pickers' month and day names, from
// the angular-i18n WebJar at /webjars/angular-i18n/ beside the webapps).
const browserLanguage = (Array.isArray(navigator.languages) ? navigator.languages[0] : navigator.language) || '';
const chinese = browserLanguage.split('-')[0].toLowerCase() === 'zh';
// loaded before the webapp starts, it makes itself the 'ngLocale' module the webapp's injector reads
const angularLocale = document.querySelector('base').getAttribute('app-root').replace(/\/[^/]*$/, '')
  + '/webjars/angular-i18n/angular-locale_zh-cn';

export default {
  app: {
    name: 'Admin',
    vendor: 'Redress'
  },
  // the browser's language picks the locale by its first part (zh-CN -> zh); anything else gets English
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // no first-visit box on the login page: it asks /camunda-welcome, which this application does not serve
  disableWelcomeMessage: true,
  requireJsConfig: {
    ngDeps: ['redress.dateLocale'],
    deps: ['redress-date-locale'].concat(chinese ? ['angular-locale-zh-cn'] : []),
    paths: {
      'angular-locale-zh-cn': angularLocale,
      'redress-date-locale': 'scripts/redress-date-locale'
    }
  }
};
