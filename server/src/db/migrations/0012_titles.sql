CREATE TYPE "public"."template_kind" AS ENUM('decision', 'certificate', 'plaque');--> statement-breakpoint
CREATE TYPE "public"."template_orientation" AS ENUM('portrait', 'landscape');--> statement-breakpoint
CREATE TYPE "public"."title_action" AS ENUM('certify', 'start_rereview', 'keep', 'rectify', 'pass_rectification', 'revoke', 'renew', 'expire');--> statement-breakpoint
CREATE TYPE "public"."title_status" AS ENUM('active', 'under_rereview', 'rectifying', 'revoked', 'expired');--> statement-breakpoint
CREATE TABLE "certificate_templates" (
	"kind" "template_kind" PRIMARY KEY NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	"issuer" text NOT NULL,
	"orientation" "template_orientation" NOT NULL,
	"heading_size" integer NOT NULL,
	"body_size" integer NOT NULL,
	"seal_size" integer NOT NULL,
	"seal" "bytea",
	"seal_sha256" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_name" text
);
--> statement-breakpoint
CREATE TABLE "title_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "title_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"action" "title_action" NOT NULL,
	"from_status" "title_status",
	"to_status" "title_status" NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "title_serials" (
	"track_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "title_serials_track_code_year_pk" PRIMARY KEY("track_code","year")
);
--> statement-breakpoint
CREATE TABLE "titles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" text NOT NULL,
	"campaign_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"year" integer NOT NULL,
	"subject_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"venue_id" uuid,
	"unit_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"organization_name" text NOT NULL,
	"brand_name" text,
	"status" "title_status" NOT NULL,
	"validity_years" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"verify_token" text NOT NULL,
	"certified_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "title_events" ADD CONSTRAINT "title_events_title_id_titles_id_fk" FOREIGN KEY ("title_id") REFERENCES "public"."titles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "title_events" ADD CONSTRAINT "title_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "titles" ADD CONSTRAINT "titles_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "titles" ADD CONSTRAINT "titles_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "titles" ADD CONSTRAINT "titles_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "titles" ADD CONSTRAINT "titles_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "title_events_title_idx" ON "title_events" USING btree ("title_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "titles_serial_key" ON "titles" USING btree ("serial");--> statement-breakpoint
CREATE UNIQUE INDEX "titles_holder_key" ON "titles" USING btree ("subject_id","track_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "titles_application_key" ON "titles" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "titles_verify_token_key" ON "titles" USING btree ("verify_token");--> statement-breakpoint
CREATE INDEX "titles_year_idx" ON "titles" USING btree ("year","track_code","serial");--> statement-breakpoint
CREATE INDEX "titles_unit_idx" ON "titles" USING btree ("unit_id","year");