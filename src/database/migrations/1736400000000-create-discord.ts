import { MigrationInterface, QueryRunner } from 'typeorm';

/** Discord settings (one row) and the notification state (one row per alerting resource). */
export class CreateDiscord1736400000000 implements MigrationInterface {
  name = 'CreateDiscord1736400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "discord_settings" (
        "id" INTEGER PRIMARY KEY NOT NULL CHECK ("id" = 1),
        "webhook_url" TEXT NOT NULL,
        "enabled" BOOLEAN NOT NULL DEFAULT (1),
        "notify_on" TEXT NOT NULL DEFAULT ('critical,warning'),
        "repeat_minutes" INTEGER NOT NULL DEFAULT (60),
        "last_sent_at" DATETIME NULL,
        "last_error" TEXT NULL,
        "last_error_at" DATETIME NULL,
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
        "updated_by" INTEGER NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "notification_state" (
        "alert_type" TEXT PRIMARY KEY NOT NULL,
        "notified_level" TEXT NULL CHECK ("notified_level" IN ('warning', 'critical')),
        "last_value" REAL NULL,
        "last_sent_at" DATETIME NULL,
        "pending" BOOLEAN NOT NULL DEFAULT (0),
        "updated_at" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_state"`);
    await queryRunner.query(`DROP TABLE "discord_settings"`);
  }
}
