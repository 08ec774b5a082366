/**
 * A complaint's way through its stages: registration, what happens when each task starts and completes (stage
 * tracking, the stage rules, approval authority, audit, notifications, the case sheet), closing, reopening,
 * withdrawal. Only engine listeners, plugins and delegates: nothing outside uses it.
 */
package io.redress.lifecycle;
