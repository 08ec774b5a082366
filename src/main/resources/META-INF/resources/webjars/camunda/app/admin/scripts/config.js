// Redress: the Admin webapp's configuration. This file shadows the one in Camunda's webjar (the application's
// own classes come first on the classpath). The header and the page title read "vendor name": "Redress Admin".
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
    deps: ['redress-date-locale'],
    paths: {
      'redress-date-locale': 'scripts/redress-date-locale'
    }
  }
};
