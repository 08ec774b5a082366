// Redress: dates in the browser's language. The webapp loads its locale file and the fallback's (en.json) at the
// same time, and each one's date settings make itself moment's global locale when it arrives: in a Chinese browser
// the later English file could turn dates English ("in 12 hours"). When a language other than the one in use has
// loaded, the one in use is refreshed, so its date settings come last. The date pickers' month and day names are
// AngularJS's ($locale: Chinese from angular-i18n, see config.js); in Chinese their title reads year first,
// "2026年11月". (Loaded through requireJsConfig in config.js.)
define(['angular'], function(angular) {
  'use strict';
  return angular.module('redress.dateLocale', []).run([
    '$rootScope',
    '$translate',
    '$locale',
    '$injector',
    function($rootScope, $translate, $locale, $injector) {
      $rootScope.$on('$translateLoadingSuccess', function(event, data) {
        var used = $translate.proposedLanguage() || $translate.use();
        if (data && data.language && used && data.language !== used) {
          $translate.refresh(used);
        }
      });
      if (/^zh/.test($locale.id) && $injector.has('uibDatepickerConfig')) {
        var datepicker = $injector.get('uibDatepickerConfig');
        datepicker.formatDayTitle = 'y年M月';
        datepicker.formatMonthTitle = 'y年';
      }
    }
  ]);
});
