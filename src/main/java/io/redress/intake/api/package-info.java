/**
 * Records of the complaint API's answers that the case file also knows in its own terms (timeline, deadlines,
 * feedback), with their OpenAPI description: the web layer maps the case file's records to them. Internal to intake.
 */
package io.redress.intake.api;
