CREATE TYPE "public"."calendar_day_kind" AS ENUM('holiday', 'workday');--> statement-breakpoint
CREATE TYPE "public"."objection_outcome" AS ENUM('inadmissible', 'unfounded', 'founded_withdraw', 'founded_substitute');--> statement-breakpoint
CREATE TYPE "public"."objection_status" AS ENUM('received', 'investigating', 'closed');--> statement-breakpoint
CREATE TYPE "public"."publicity_item_status" AS ENUM('listed', 'struck');--> statement-breakpoint
CREATE TYPE "public"."publicity_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "objection_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objection_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"item_id" uuid,
	"receipt_code" text NOT NULL,
	"status" "objection_status" DEFAULT 'received' NOT NULL,
	"outcome" "objection_outcome",
	"anonymous" boolean NOT NULL,
	"filer_name" text,
	"filer_phone" text,
	"body" text NOT NULL,
	"source_hash" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"assignee_name" text,
	"deadline" date,
	"closed_at" timestamp with time zone,
	"closed_by_name" text,
	"reason" text,
	"reply" text,
	"substitute_item_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objections_receipt_code_unique" UNIQUE("receipt_code")
);
--> statement-breakpoint
CREATE TABLE "publicities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"status" "publicity_status" DEFAULT 'open' NOT NULL,
	"title" text NOT NULL,
	"contact" text NOT NULL,
	"allow_anonymous" boolean NOT NULL,
	"working_days" integer NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"published_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publicity_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"rank" integer NOT NULL,
	"name" text NOT NULL,
	"holder_name" text,
	"brand_name" text,
	"status" "publicity_item_status" DEFAULT 'listed' NOT NULL,
	"substitute_for" uuid,
	"reason" text,
	"added_at" timestamp with time zone NOT NULL,
	"struck_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_notes" ADD CONSTRAINT "objection_notes_objection_id_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."objections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection_notes" ADD CONSTRAINT "objection_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_item_id_publicity_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."publicity_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_substitute_item_id_publicity_items_id_fk" FOREIGN KEY ("substitute_item_id") REFERENCES "public"."publicity_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_items" ADD CONSTRAINT "publicity_items_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_items" ADD CONSTRAINT "publicity_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "objection_notes_idx" ON "objection_notes" USING btree ("objection_id","at");--> statement-breakpoint
CREATE INDEX "objections_publicity_idx" ON "objections" USING btree ("publicity_id","filed_at");--> statement-breakpoint
CREATE INDEX "objections_source_idx" ON "objections" USING btree ("source_hash","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "publicities_open_key" ON "publicities" USING btree ("campaign_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_items_app_key" ON "publicity_items" USING btree ("publicity_id","application_id");