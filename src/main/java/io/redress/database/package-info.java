/**
 * The database going away and coming back: which failures mean "database unavailable", and the 503 problem with
 * Retry-After that the API, the engine's REST API and the login checks answer meanwhile. API:
 * {@link io.redress.database.DatabaseOutage}.
 */
package io.redress.database;
