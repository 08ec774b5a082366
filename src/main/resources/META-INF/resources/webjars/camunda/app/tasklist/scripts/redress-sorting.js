// Redress: Tasklist lists every filter by due date, earliest first, unless the person chose another sort.
// Tasklist 7.24 takes its sort only from the page address (?sorting=[...]) and, when there is none, puts
// "created, newest first" there. This module (loaded through requireJsConfig in config.js) puts "due date,
// ascending" there first whenever the task list is opened without a sort, so the list and its sort header agree.
define(['angular'], function(angular) {
  'use strict';
  var BY_DUE_DATE = JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]);

  return angular.module('redress.sorting', []).run([
    '$rootScope',
    '$location',
    function($rootScope, $location) {
      $rootScope.$on('$locationChangeStart', function() {
        if ($location.path() === '/' && !$location.search().sorting) {
          $location.search('sorting', BY_DUE_DATE).replace();
        }
      });
    }
  ]);
});
