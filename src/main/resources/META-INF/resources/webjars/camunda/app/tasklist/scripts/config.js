// Redress: the Tasklist webapp's configuration. This file shadows the one in Camunda's webjar (the application's
// own classes come first on the classpath). The header and the page title read "vendor name": "Redress Tasklist".
// The webapp's own choice of locale (camunda-commons-ui): the first part of the browser's first language, 'zh' or
// else English. The same choice picks AngularJS's locale data ($locale: the date pickers' month and day names, from
// the angular-i18n WebJar at /webjars/angular-i18n/ beside the webapps) and, in Tasklist, the shortcuts' words.
const browserLanguage = (Array.isArray(navigator.languages) ? navigator.languages[0] : navigator.language) || '';
const chinese = browserLanguage.split('-')[0].toLowerCase() === 'zh';
// loaded before the webapp starts, it makes itself the 'ngLocale' module the webapp's injector reads
const angularLocale = document.querySelector('base').getAttribute('app-root').replace(/\/[^/]*$/, '')
  + '/webjars/angular-i18n/angular-locale_zh-cn';

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
    deps: ['redress-sorting', 'redress-date-locale'].concat(chinese ? ['angular-locale-zh-cn'] : []),
    paths: {
      'angular-locale-zh-cn': angularLocale,
      'redress-sorting': 'scripts/redress-sorting',
      'redress-date-locale': 'scripts/redress-date-locale'
    }
  },
  // Tasklist shows these words as they are (keyboard icon in the header): in the language the webapp picked
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c',
      description: chinese ? '认领当前选中的任务' : 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f',
      description: chinese ? '将焦点移到列表中的第一个过滤器' : 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l',
      description: chinese ? '将焦点移到列表中的第一个任务' : 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f',
      description: chinese ? '将焦点移到任务表单的第一个输入框' : 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p',
      description: chinese ? '打开“启动流程”对话框' : 'opens the start process modal dialog'}
  }
};
