CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'recommended', 'accepted', 'returned', 'withdrawn', 'in_review', 'shortlisted', 'not_selected', 'proposed', 'in_publicity', 'certified');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'open', 'reviewing', 'deciding', 'publicity', 'closed');--> statement-breakpoint
CREATE TYPE "public"."cultivation_status" AS ENUM('cultivating', 'ready', 'applied', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."track_subject" AS ENUM('organization', 'venue');--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "application_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"role" "role",
	"action" text NOT NULL,
	"from_status" "application_status",
	"to_status" "application_status",
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"venue_id" uuid,
	"unit_id" uuid NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"cultivation_id" uuid,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"brand_name" text,
	"summary" text,
	"features" text,
	"practices" text,
	"results" text,
	"unit_opinion" text,
	"unit_rank" integer,
	"returned_reason" text,
	"submitted_at" timestamp with time zone,
	"recommended_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"updated_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_quotas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind",
	"quota" integer NOT NULL,
	CONSTRAINT "campaign_quotas_key" UNIQUE NULLS NOT DISTINCT("campaign_id","track_code","org_kind")
);
--> statement-breakpoint
CREATE TABLE "campaign_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind",
	"standard_version_id" uuid NOT NULL,
	CONSTRAINT "campaign_standards_key" UNIQUE NULLS NOT DISTINCT("campaign_id","track_code","org_kind")
);
--> statement-breakpoint
CREATE TABLE "campaign_tracks" (
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"eligible_kinds" "org_kind"[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "campaign_tracks_campaign_id_track_code_pk" PRIMARY KEY("campaign_id","track_code")
);
--> statement-breakpoint
CREATE TABLE "campaign_unit_caps" (
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"cap" integer NOT NULL,
	CONSTRAINT "campaign_unit_caps_campaign_id_track_code_unit_id_pk" PRIMARY KEY("campaign_id","track_code","unit_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"application_opens_at" timestamp with time zone NOT NULL,
	"application_closes_at" timestamp with time zone NOT NULL,
	"recommendation_deadline" timestamp with time zone NOT NULL,
	"review_starts_at" timestamp with time zone NOT NULL,
	"review_ends_at" timestamp with time zone NOT NULL,
	"publicity_starts_at" timestamp with time zone NOT NULL,
	"publicity_ends_at" timestamp with time zone NOT NULL,
	"copied_from_id" uuid,
	"opened_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"description" text,
	"max_points" numeric(6, 1) NOT NULL,
	"evidence" text,
	"evidence_required" boolean DEFAULT false NOT NULL,
	"methods" text[] DEFAULT '{}' NOT NULL,
	"veto" boolean DEFAULT false NOT NULL,
	"bonus" boolean DEFAULT false NOT NULL,
	CONSTRAINT "criteria_position_key" UNIQUE("standard_version_id","position")
);
--> statement-breakpoint
CREATE TABLE "cultivation_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cultivation_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cultivation_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cultivation_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cultivations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"venue_id" uuid,
	"subject_id" uuid NOT NULL,
	"plan" text,
	"status" "cultivation_status" DEFAULT 'cultivating' NOT NULL,
	"readiness" jsonb,
	"standard_version_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cultivations_subject_key" UNIQUE("track_code","subject_id")
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"criterion_id" uuid,
	"unit_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text,
	"width" integer,
	"height" integer,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_actor_id_key_pk" PRIMARY KEY("actor_id","key")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "jobs_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text,
	"body_en" text,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "self_assessments" (
	"application_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"score" numeric(6, 1),
	"note" text,
	CONSTRAINT "self_assessments_application_id_criterion_id_pk" PRIMARY KEY("application_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "standard_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"standard_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"total_points" numeric(6, 1) DEFAULT 100 NOT NULL,
	"bonus_cap" numeric(6, 1) DEFAULT 10 NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standard_versions_key" UNIQUE("standard_id","version")
);
--> statement-breakpoint
CREATE TABLE "standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"track_code" text NOT NULL,
	"org_kinds" "org_kind"[] DEFAULT '{}' NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standards_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "tracks" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"subject" "track_subject" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_track_code_tracks_code_fk" FOREIGN KEY ("track_code") REFERENCES "public"."tracks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_standard_version_id_standard_versions_id_fk" FOREIGN KEY ("standard_version_id") REFERENCES "public"."standard_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_cultivation_id_cultivations_id_fk" FOREIGN KEY ("cultivation_id") REFERENCES "public"."cultivations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_quotas" ADD CONSTRAINT "campaign_quotas_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_standards" ADD CONSTRAINT "campaign_standards_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_standards" ADD CONSTRAINT "campaign_standards_standard_version_id_standard_versions_id_fk" FOREIGN KEY ("standard_version_id") REFERENCES "public"."standard_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tracks" ADD CONSTRAINT "campaign_tracks_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tracks" ADD CONSTRAINT "campaign_tracks_track_code_tracks_code_fk" FOREIGN KEY ("track_code") REFERENCES "public"."tracks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_unit_caps" ADD CONSTRAINT "campaign_unit_caps_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_unit_caps" ADD CONSTRAINT "campaign_unit_caps_unit_id_organizations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_standard_version_id_standard_versions_id_fk" FOREIGN KEY ("standard_version_id") REFERENCES "public"."standard_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_milestones" ADD CONSTRAINT "cultivation_milestones_cultivation_id_cultivations_id_fk" FOREIGN KEY ("cultivation_id") REFERENCES "public"."cultivations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_notes" ADD CONSTRAINT "cultivation_notes_cultivation_id_cultivations_id_fk" FOREIGN KEY ("cultivation_id") REFERENCES "public"."cultivations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivation_notes" ADD CONSTRAINT "cultivation_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivations" ADD CONSTRAINT "cultivations_track_code_tracks_code_fk" FOREIGN KEY ("track_code") REFERENCES "public"."tracks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivations" ADD CONSTRAINT "cultivations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivations" ADD CONSTRAINT "cultivations_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivations" ADD CONSTRAINT "cultivations_standard_version_id_standard_versions_id_fk" FOREIGN KEY ("standard_version_id") REFERENCES "public"."standard_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cultivations" ADD CONSTRAINT "cultivations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_standard_id_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_versions" ADD CONSTRAINT "standard_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standards" ADD CONSTRAINT "standards_track_code_tracks_code_fk" FOREIGN KEY ("track_code") REFERENCES "public"."tracks"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_app_idx" ON "application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_subject_key" ON "applications" USING btree ("campaign_id","track_code","subject_id");--> statement-breakpoint
CREATE INDEX "applications_list_idx" ON "applications" USING btree ("campaign_id","track_code","org_kind","status");--> statement-breakpoint
CREATE INDEX "applications_unit_idx" ON "applications" USING btree ("unit_id","campaign_id");--> statement-breakpoint
CREATE INDEX "applications_org_idx" ON "applications" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "campaigns_year_idx" ON "campaigns" USING btree ("year");--> statement-breakpoint
CREATE INDEX "cultivations_unit_idx" ON "cultivations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "evidence_files_app_idx" ON "evidence_files" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");