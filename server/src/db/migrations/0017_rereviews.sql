CREATE TYPE "public"."follow_up_result" AS ENUM('passed', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."rereview_outcome" AS ENUM('keep', 'rectify', 'revoke', 'expired');--> statement-breakpoint
CREATE TYPE "public"."rereview_round_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."rereview_selection_mode" AS ENUM('year', 'sample', 'list');--> statement-breakpoint
CREATE TYPE "public"."standard_basis" AS ENUM('awarded', 'current');--> statement-breakpoint
CREATE TABLE "rereview_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"title_id" uuid NOT NULL,
	"standard_version_id" uuid,
	"outcome" "rereview_outcome",
	"reason" text,
	"deadline" date,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_by_name" text,
	"follow_up" "follow_up_result",
	"follow_up_reason" text,
	"follow_up_at" timestamp with time zone,
	"follow_up_by_name" text,
	CONSTRAINT "rereview_items_key" UNIQUE("round_id","title_id")
);
--> statement-breakpoint
CREATE TABLE "rereview_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"status" "rereview_round_status" NOT NULL,
	"mode" "rereview_selection_mode" NOT NULL,
	"award_year" integer,
	"sample_size" integer,
	"seed" bigint,
	"draw_algorithm" text,
	"pool" uuid[],
	"standard_basis" "standard_basis" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rereview_items" ADD CONSTRAINT "rereview_items_round_id_rereview_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rereview_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rereview_items" ADD CONSTRAINT "rereview_items_title_id_titles_id_fk" FOREIGN KEY ("title_id") REFERENCES "public"."titles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rereview_items" ADD CONSTRAINT "rereview_items_standard_version_id_standard_versions_id_fk" FOREIGN KEY ("standard_version_id") REFERENCES "public"."standard_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rereview_items" ADD CONSTRAINT "rereview_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rereview_rounds" ADD CONSTRAINT "rereview_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rereview_items_title_idx" ON "rereview_items" USING btree ("title_id");--> statement-breakpoint
CREATE INDEX "rereview_rounds_year_idx" ON "rereview_rounds" USING btree ("year");