CREATE TABLE "application_counts" (
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"status" "application_status" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "application_counts_campaign_id_track_code_org_kind_status_pk" PRIMARY KEY("campaign_id","track_code","org_kind","status")
);
--> statement-breakpoint
-- The counts follow every write to applications, in the writer's transaction. Statement-level triggers
-- with transition tables: a bulk insert of 100,000 rows adds one grouped upsert, not 100,000. Rows are
-- upserted in key order so two transactions touching the same counts lock them in the same order.
CREATE FUNCTION "application_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "application_counts" AS c ("campaign_id", "track_code", "org_kind", "status", "n")
  SELECT "campaign_id", "track_code", "org_kind", "status", count(*)::int
  FROM "new_rows" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("campaign_id", "track_code", "org_kind", "status") DO UPDATE SET "n" = c."n" + excluded."n";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "application_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "application_counts" AS c ("campaign_id", "track_code", "org_kind", "status", "n")
  SELECT "campaign_id", "track_code", "org_kind", "status", -count(*)::int
  FROM "old_rows" GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("campaign_id", "track_code", "org_kind", "status") DO UPDATE SET "n" = c."n" + excluded."n";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "application_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "application_counts" AS c ("campaign_id", "track_code", "org_kind", "status", "n")
  SELECT k."campaign_id", k."track_code", k."org_kind", k."status", sum(k."d")::int
  FROM (
    SELECT o."campaign_id", o."track_code", o."org_kind", o."status", -1 AS "d"
    FROM "old_rows" o JOIN "new_rows" n ON n."id" = o."id"
    WHERE (o."campaign_id", o."track_code", o."org_kind", o."status")
      IS DISTINCT FROM (n."campaign_id", n."track_code", n."org_kind", n."status")
    UNION ALL
    SELECT n."campaign_id", n."track_code", n."org_kind", n."status", 1
    FROM "old_rows" o JOIN "new_rows" n ON n."id" = o."id"
    WHERE (o."campaign_id", o."track_code", o."org_kind", o."status")
      IS DISTINCT FROM (n."campaign_id", n."track_code", n."org_kind", n."status")
  ) k
  GROUP BY 1, 2, 3, 4 HAVING sum(k."d") <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("campaign_id", "track_code", "org_kind", "status") DO UPDATE SET "n" = c."n" + excluded."n";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "application_counts_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "application_counts";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "applications_counts_insert" AFTER INSERT ON "applications"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_insert"();
--> statement-breakpoint
CREATE TRIGGER "applications_counts_delete" AFTER DELETE ON "applications"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_delete"();
--> statement-breakpoint
CREATE TRIGGER "applications_counts_update" AFTER UPDATE ON "applications"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_update"();
--> statement-breakpoint
CREATE TRIGGER "applications_counts_truncate" AFTER TRUNCATE ON "applications"
  FOR EACH STATEMENT EXECUTE FUNCTION "application_counts_truncate"();
--> statement-breakpoint
INSERT INTO "application_counts" ("campaign_id", "track_code", "org_kind", "status", "n")
SELECT "campaign_id", "track_code", "org_kind", "status", count(*)::int
FROM "applications" GROUP BY 1, 2, 3, 4;
