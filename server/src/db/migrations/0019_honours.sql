CREATE TYPE "public"."honour_subject" AS ENUM('organization', 'person');--> statement-breakpoint
CREATE TABLE "honour_kinds" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"subject" "honour_subject" NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "honours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"kind_code" text NOT NULL,
	"subject" "honour_subject" NOT NULL,
	"organization_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"person_name" text,
	"person_position" text,
	"document_no" text NOT NULL,
	"awarded_on" date NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_by_name" text
);
--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_kind_code_honour_kinds_code_fk" FOREIGN KEY ("kind_code") REFERENCES "public"."honour_kinds"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honours" ADD CONSTRAINT "honours_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "honours_holder_key" ON "honours" USING btree ("kind_code","year","organization_id",coalesce("person_name", ''));--> statement-breakpoint
CREATE INDEX "honours_year_idx" ON "honours" USING btree ("year","kind_code");--> statement-breakpoint
CREATE INDEX "honours_unit_idx" ON "honours" USING btree ("unit_id","year");--> statement-breakpoint
INSERT INTO "honour_kinds" ("code", "name_zh", "name_en", "subject", "built_in") VALUES
	('advanced_org', '先进基层党组织', 'Advanced grassroots party organisation', 'organization', true),
	('outstanding_member', '优秀共产党员', 'Outstanding party member', 'person', true),
	('outstanding_worker', '优秀党务工作者', 'Outstanding party worker', 'person', true);
