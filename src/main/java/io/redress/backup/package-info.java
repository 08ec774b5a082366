/**
 * Online backups of the embedded H2 database: {@code BACKUP TO} on a schedule ({@code redress.backup.h2.*}), the
 * newest copies kept. PostgreSQL is backed up with its own tools (docs/backup-and-restore.md).
 */
package io.redress.backup;
