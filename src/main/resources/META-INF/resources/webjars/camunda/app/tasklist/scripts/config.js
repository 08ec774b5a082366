// Redress: the Tasklist webapp's configuration. This file shadows the one in Camunda's webjar (the application's
// own classes come first on the classpath). The header and the page title read "vendor name": "Redress Tasklist".
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Redress'
  },
  // the browser's language picks the locale by its first part (zh-CN -> zh); anything else gets English
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // no first-visit box: it asks /camunda-welcome, which this application does not serve (a 404 on every load)
  disableWelcomeMessage: true,
  // every filter sorted by due date, earliest first, unless the person picks another sort (scripts/redress-sorting.js)
  requireJsConfig: {
    ngDeps: ['redress.sorting', 'redress.dateLocale'],
    deps: ['redress-sorting', 'redress-date-locale'],
    paths: {
      'redress-sorting': 'scripts/redress-sorting',
      'redress-date-locale': 'scripts/redress-date-locale'
    }
  },
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  },
};
