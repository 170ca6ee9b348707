CREATE TYPE "public"."aggregation" AS ENUM('trimmed_mean', 'mean', 'median');--> statement-breakpoint
CREATE TYPE "public"."entry_rule" AS ENUM('all_accepted', 'passed_previous', 'top_n', 'top_share');--> statement-breakpoint
CREATE TYPE "public"."peer_mode" AS ENUM('rank', 'score');--> statement-breakpoint
CREATE TYPE "public"."rubric" AS ENUM('standard', 'overall');--> statement-breakpoint
CREATE TYPE "public"."see_others" AS ENUM('never', 'after_own', 'always');--> statement-breakpoint
CREATE TYPE "public"."stage_method" AS ENUM('criteria_scoring', 'presentation', 'peer', 'gate');--> statement-breakpoint
CREATE TYPE "public"."stage_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."veto_rule" AS ENUM('majority', 'any');--> statement-breakpoint
CREATE TYPE "public"."draw_kind" AS ENUM('panel', 'assignment', 'peer_groups', 'presentation_order');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('pending', 'draft', 'locked');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('planned', 'running', 'finished');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('draft', 'confirmed');--> statement-breakpoint
CREATE TYPE "public"."proposal_reason" AS ENUM('within_quota', 'tied_at_line', 'below_quota_line', 'failed_gate');--> statement-breakpoint
CREATE TABLE "stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"method" "stage_method" NOT NULL,
	"tracks" text[] DEFAULT '{}' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"weight" numeric(5, 4) NOT NULL,
	"rubric" "rubric" DEFAULT 'standard' NOT NULL,
	"entry" "entry_rule" DEFAULT 'all_accepted' NOT NULL,
	"entry_n" integer,
	"entry_share" numeric(5, 4),
	"min_reviews" integer DEFAULT 3 NOT NULL,
	"aggregation" "aggregation" DEFAULT 'trimmed_mean' NOT NULL,
	"standardise" boolean DEFAULT false NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"see_others" "see_others" DEFAULT 'never' NOT NULL,
	"show_reviewer_names" boolean DEFAULT false NOT NULL,
	"spread_threshold" numeric(6, 2) DEFAULT 20 NOT NULL,
	"peer_mode" "peer_mode" DEFAULT 'rank' NOT NULL,
	"group_size" integer,
	"exclude_own_unit" boolean DEFAULT true NOT NULL,
	"spearman_threshold" numeric(4, 3) DEFAULT 0.3 NOT NULL,
	"veto_rule" "veto_rule" DEFAULT 'majority' NOT NULL,
	"status" "stage_status" DEFAULT 'draft' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stages_position_key" UNIQUE("campaign_id","position")
);
--> statement-breakpoint
CREATE TABLE "conflict_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"overridden_by" uuid,
	"overridden_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conflict_overrides_key" UNIQUE("reviewer_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "declared_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_by" uuid,
	"declared_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declared_conflicts_key" UNIQUE("reviewer_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "reviewer_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"affiliation_org_id" uuid,
	"affiliation_unit_id" uuid,
	"affiliation_path" text,
	"external_affiliation" text,
	"title" text,
	"expertise" text[] DEFAULT '{}' NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	"availability_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"draw_id" uuid,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignments_key" UNIQUE("stage_id","application_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"stage_id" uuid,
	"kind" "draw_kind" NOT NULL,
	"seed" bigint NOT NULL,
	"inputs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"inputs_digest" text NOT NULL,
	"result_digest" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_reviewers" (
	"stage_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"draw_id" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_reviewers_stage_id_reviewer_id_pk" PRIMARY KEY("stage_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "review_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"criterion_id" uuid,
	"original_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text,
	"width" integer,
	"height" integer,
	"taken_at" timestamp with time zone NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"stage_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"vetoes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text,
	"score" double precision,
	"points" numeric(7, 1),
	"locked_at" timestamp with time zone,
	"reopened_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "peer_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind",
	"draw_id" uuid
);
--> statement-breakpoint
CREATE TABLE "peer_members" (
	"group_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"pseudonym" text NOT NULL,
	CONSTRAINT "peer_members_stage_id_application_id_pk" PRIMARY KEY("stage_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "peer_sheets" (
	"stage_id" uuid NOT NULL,
	"rater_application_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"rater_user_id" uuid,
	"ranking" uuid[] DEFAULT '{}' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"locked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peer_sheets_stage_id_rater_application_id_pk" PRIMARY KEY("stage_id","rater_application_id")
);
--> statement-breakpoint
CREATE TABLE "presentation_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage_id" uuid NOT NULL,
	"name" text NOT NULL,
	"room" text,
	"scheduled_at" timestamp with time zone,
	"presentation_order" uuid[] DEFAULT '{}' NOT NULL,
	"draw_id" uuid,
	"status" "session_status" DEFAULT 'planned' NOT NULL,
	"current_index" integer,
	"timer_seconds" integer DEFAULT 480 NOT NULL,
	"timer_started_at" timestamp with time zone,
	"timer_remaining" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_presenters" (
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "session_presenters_session_id_application_id_pk" PRIMARY KEY("session_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_totals" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"unit_id" uuid NOT NULL,
	"final_score" double precision,
	"final_standardised" double precision,
	"last_stage_score" double precision,
	"last_stage_standardised" double precision,
	"counted_reviews" integer DEFAULT 0 NOT NULL,
	"gates_passed" boolean DEFAULT true NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_results" (
	"stage_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"unit_id" uuid NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"score" double precision,
	"standardised_score" double precision,
	"spread" double precision,
	"sd" double precision,
	"gate_passed" boolean,
	"failed_vetoes" uuid[] DEFAULT '{}' NOT NULL,
	"flags" text[] DEFAULT '{}' NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stage_results_stage_id_application_id_pk" PRIMARY KEY("stage_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "decision_lines" (
	"decision_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"track_code" text NOT NULL,
	"org_kind" "org_kind" NOT NULL,
	"unit_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"final_score" double precision,
	"proposed" boolean NOT NULL,
	"proposal_reason" "proposal_reason" NOT NULL,
	"selected" boolean,
	"votes_for" integer,
	"votes_against" integer,
	"votes_abstain" integer,
	"reason" text,
	CONSTRAINT "decision_lines_decision_id_application_id_pk" PRIMARY KEY("decision_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"status" "decision_status" DEFAULT 'draft' NOT NULL,
	"meeting_at" timestamp with time zone,
	"meeting_note" text,
	"snapshot" jsonb,
	"snapshot_digest" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"released_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_campaign_id_unique" UNIQUE("campaign_id")
);
--> statement-breakpoint
ALTER TABLE "stages" ADD CONSTRAINT "stages_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_overrides" ADD CONSTRAINT "conflict_overrides_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_overrides" ADD CONSTRAINT "conflict_overrides_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_overrides" ADD CONSTRAINT "conflict_overrides_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_overrides" ADD CONSTRAINT "conflict_overrides_overridden_by_users_id_fk" FOREIGN KEY ("overridden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declared_conflicts" ADD CONSTRAINT "declared_conflicts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declared_conflicts" ADD CONSTRAINT "declared_conflicts_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declared_conflicts" ADD CONSTRAINT "declared_conflicts_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declared_conflicts" ADD CONSTRAINT "declared_conflicts_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_profiles" ADD CONSTRAINT "reviewer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_profiles" ADD CONSTRAINT "reviewer_profiles_affiliation_org_id_organizations_id_fk" FOREIGN KEY ("affiliation_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draws" ADD CONSTRAINT "draws_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reviewers" ADD CONSTRAINT "stage_reviewers_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reviewers" ADD CONSTRAINT "stage_reviewers_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reviewers" ADD CONSTRAINT "stage_reviewers_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_photos" ADD CONSTRAINT "review_photos_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_photos" ADD CONSTRAINT "review_photos_criterion_id_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_photos" ADD CONSTRAINT "review_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_id_assignments_id_fk" FOREIGN KEY ("id") REFERENCES "public"."assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_groups" ADD CONSTRAINT "peer_groups_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_groups" ADD CONSTRAINT "peer_groups_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_members" ADD CONSTRAINT "peer_members_group_id_peer_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."peer_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_members" ADD CONSTRAINT "peer_members_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_sheets" ADD CONSTRAINT "peer_sheets_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_sheets" ADD CONSTRAINT "peer_sheets_rater_application_id_applications_id_fk" FOREIGN KEY ("rater_application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_sheets" ADD CONSTRAINT "peer_sheets_group_id_peer_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."peer_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_sheets" ADD CONSTRAINT "peer_sheets_rater_user_id_users_id_fk" FOREIGN KEY ("rater_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentation_sessions" ADD CONSTRAINT "presentation_sessions_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presentation_sessions" ADD CONSTRAINT "presentation_sessions_draw_id_draws_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_presenters" ADD CONSTRAINT "session_presenters_session_id_presentation_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."presentation_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_presenters" ADD CONSTRAINT "session_presenters_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_totals" ADD CONSTRAINT "evaluation_totals_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_results" ADD CONSTRAINT "stage_results_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_results" ADD CONSTRAINT "stage_results_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_lines" ADD CONSTRAINT "decision_lines_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_lines" ADD CONSTRAINT "decision_lines_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stages_campaign_idx" ON "stages" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "reviewer_profiles_unit_idx" ON "reviewer_profiles" USING btree ("affiliation_unit_id");--> statement-breakpoint
CREATE INDEX "assignments_reviewer_idx" ON "assignments" USING btree ("reviewer_id","stage_id");--> statement-breakpoint
CREATE INDEX "assignments_app_idx" ON "assignments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "draws_stage_idx" ON "draws" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "review_photos_review_idx" ON "review_photos" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "reviews_stage_app_idx" ON "reviews" USING btree ("stage_id","application_id");--> statement-breakpoint
CREATE INDEX "reviews_reviewer_idx" ON "reviews" USING btree ("reviewer_id","stage_id");--> statement-breakpoint
CREATE INDEX "peer_groups_stage_idx" ON "peer_groups" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "peer_members_group_idx" ON "peer_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "peer_sheets_group_idx" ON "peer_sheets" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "presentation_sessions_stage_idx" ON "presentation_sessions" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "evaluation_totals_rank_idx" ON "evaluation_totals" USING btree ("campaign_id","track_code","org_kind","final_score" DESC NULLS LAST,"last_stage_score" DESC NULLS LAST,"counted_reviews" DESC NULLS LAST,"submitted_at","application_id");--> statement-breakpoint
CREATE INDEX "stage_results_app_idx" ON "stage_results" USING btree ("application_id");