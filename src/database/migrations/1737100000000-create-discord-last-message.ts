import { MigrationInterface, QueryRunner } from 'typeorm';

/** The last message Discord accepted (one row): its exact JSON body, for the dashboard's picture of it. */
export class CreateDiscordLastMessage1737100000000 implements MigrationInterface {
  name = 'CreateDiscordLastMessage1737100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "discord_last_message" (
        "id" INTEGER PRIMARY KEY NOT NULL CHECK ("id" = 1),
        "delivered_at" DATETIME NOT NULL,
        "payload" TEXT NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "discord_last_message"`);
  }
}
