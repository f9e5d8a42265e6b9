import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alert engine's storage: sustained-for and hysteresis per resource, per-mount disk overrides,
 * ignored mounts, silences and the alert history (issue 16).
 */
export class CreateAlertEngine1737200000000 implements MigrationInterface {
  name = 'CreateAlertEngine1737200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "thresholds" ADD COLUMN "for_minutes" INTEGER NOT NULL DEFAULT (0)`);
    await queryRunner.query(`ALTER TABLE "thresholds" ADD COLUMN "clear_margin" REAL NOT NULL DEFAULT (0)`);
    await queryRunner.query(`
      CREATE TABLE "disk_mount_thresholds" (
        "mount" TEXT PRIMARY KEY NOT NULL,
        "warning_level" INTEGER NOT NULL,
        "critical_level" INTEGER NOT NULL,
        "for_minutes" INTEGER NULL,
        "clear_margin" REAL NULL,
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "updated_by" INTEGER NULL REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "ignored_mounts" (
        "mount" TEXT PRIMARY KEY NOT NULL,
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "updated_by" INTEGER NULL REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "silences" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "type" TEXT NOT NULL CHECK ("type" IN ('CPU', 'MEMORY', 'DISK', '*')),
        "mount" TEXT NULL,
        "starts_at" DATETIME NOT NULL,
        "ends_at" DATETIME NOT NULL,
        "reason" TEXT NOT NULL,
        "created_by" TEXT NOT NULL,
        "created_by_id" INTEGER NULL REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
      )`);
    await queryRunner.query(`CREATE INDEX "idx_silences_ends_at" ON "silences" ("ends_at")`);
    await queryRunner.query(`
      CREATE TABLE "alert_episodes" (
        "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
        "alert_key" TEXT NOT NULL,
        "type" TEXT NOT NULL CHECK ("type" IN ('CPU', 'MEMORY', 'DISK')),
        "mount" TEXT NULL,
        "level" TEXT NOT NULL CHECK ("level" IN ('warning', 'critical')),
        "current_level" TEXT NOT NULL CHECK ("current_level" IN ('warning', 'critical')),
        "opened_at" DATETIME NOT NULL,
        "resolved_at" DATETIME NULL,
        "peak_value" REAL NOT NULL,
        "threshold" REAL NOT NULL,
        "silenced" BOOLEAN NOT NULL DEFAULT (0)
      )`);
    await queryRunner.query(`CREATE INDEX "idx_alert_episodes_opened_at" ON "alert_episodes" ("opened_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_alert_episodes_open" ON "alert_episodes" ("resolved_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert_episodes"`);
    await queryRunner.query(`DROP TABLE "silences"`);
    await queryRunner.query(`DROP TABLE "ignored_mounts"`);
    await queryRunner.query(`DROP TABLE "disk_mount_thresholds"`);
    await queryRunner.query(`ALTER TABLE "thresholds" DROP COLUMN "clear_margin"`);
    await queryRunner.query(`ALTER TABLE "thresholds" DROP COLUMN "for_minutes"`);
  }
}
